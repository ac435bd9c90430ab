import { CommandContext, Principal, UnauthenticatedError } from '@app/commands';
import { InputValidationError } from '@app/validation';
import { grants } from '@app/domain';
import { ExecutionContext, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { principalOf } from './api-key.guard';

/**
 * The command context of a request: who writes (the principal of its API key),
 * the revision pinned by `If-Match`, and the ids tracing the events it records: the request
 * (`X-Request-Id`, or a fresh UUID) caused them, within the client's `X-Correlation-Id` if sent.
 */
export const WriteContext = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandContext => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest>();
  const { name, scopes } = writer(request);
  return {
    recordedBy: name,
    administers: grants(scopes, 'admin'),
    expectedRevision: parseIfMatch(request.headers['if-match']),
    // Both checked by TraceHeadersGuard when the client sent them.
    correlationId: (request.headers['x-correlation-id'] as string | undefined) ?? String(request.id),
    causationId: String(request.id),
  };
});

/** The guard lets no write through without a key; a write route it did not check fails closed. */
function writer(request: FastifyRequest): Principal {
  const principal = principalOf(request);
  if (!principal) throw new UnauthenticatedError();
  return principal;
}

/** `If-Match: "3"` (or `3`) pins revision 3; `*` pins nothing, since the franchise must exist anyway. */
export function parseIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header[0] : header).trim();
  if (value === '*') return undefined;
  const match = /^"?(\d{1,15})"?$/.exec(value);
  if (!match) {
    throw new InputValidationError([
      { field: 'If-Match', message: 'must be a revision as given in the ETag, e.g. "3"' },
    ]);
  }
  return Number(match[1]);
}

export const etagOf = (revision: number): string => `"${revision}"`;
