import { InputValidationError } from '@app/validation';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The tracing headers a client may send; each becomes an id stored on the events the request records. */
const TRACE_HEADERS = { 'x-request-id': 'X-Request-Id', 'x-correlation-id': 'X-Correlation-Id' } as const;
const TRACE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Refuses a request whose tracing headers are not plain ids (400), before anything else looks at
 * it: they end up in every event it records, and in logs, so markup or an 8 KB blob never gets in.
 */
@Injectable()
export class TraceHeadersGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { headers } = context.switchToHttp().getRequest<FastifyRequest>();
    const errors = Object.entries(TRACE_HEADERS)
      .filter(([header]) => headers[header] !== undefined && !isTraceId(headers[header]))
      .map(([, field]) => ({ field, message: 'must be 1 to 128 letters, digits, or . _ : -' }));
    if (errors.length > 0) throw new InputValidationError(errors);
    return true;
  }
}

export function isTraceId(value: string | string[] | undefined): value is string {
  return typeof value === 'string' && TRACE_ID.test(value);
}
