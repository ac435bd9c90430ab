import { ConcurrentWriteError, MissingScopeError, StaleRevisionError, UnauthenticatedError } from '@app/commands';
import { InputValidationError } from '@app/validation';
import {
  DomainError,
  FranchiseNotFoundError,
  IdentityConflictError,
  InvalidDateError,
  RuleViolationError,
  SourceNotFoundError,
} from '@app/domain';
import { EventStoreFullError, EventStoreUnavailableError } from '@app/event-store';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedError } from './rate-limited.error';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

/** Error class → status and problem type: the one place errors become HTTP. */
const MAPPING: [new (...args: any[]) => Error, number, string, string][] = [
  [InputValidationError, 400, 'validation-failed', 'The request is not valid'],
  [UnauthenticatedError, 401, 'unauthenticated', 'An API key is needed'],
  [MissingScopeError, 403, 'forbidden', 'The API key does not allow this'],
  [RateLimitedError, 429, 'rate-limited', 'Too many writes'],
  [InvalidDateError, 400, 'validation-failed', 'The request is not valid'],
  [FranchiseNotFoundError, 404, 'franchise-not-found', 'No such franchise'],
  [SourceNotFoundError, 404, 'source-not-found', 'No such source'],
  [IdentityConflictError, 409, 'identity-conflict', 'This id is already used for something else'],
  [ConcurrentWriteError, 409, 'concurrent-write', 'Concurrent writes kept conflicting'],
  [StaleRevisionError, 412, 'stale-revision', 'The franchise changed since the revision given in If-Match'],
  [RuleViolationError, 422, 'rule-violation', 'The claim breaks a rule of the timeline'],
  [EventStoreFullError, 507, 'store-full', 'The event store has no space left'],
];

/** Seconds a client is asked to wait: a store away is usually back within seconds, a full disk takes a person. */
const RETRY_AFTER: Record<number, string> = { 503: '5', 507: '60' };

/** Answers every error as `application/problem+json` (RFC 9457), never with a stack trace. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = { ...this.toProblem(error, request.log), instance: request.url };
    if (RETRY_AFTER[problem.status]) reply.header('retry-after', RETRY_AFTER[problem.status]);
    if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
    // The revision the franchise is at: the writer may decide again and retry without reading it first.
    if (error instanceof StaleRevisionError && error.actual !== null) reply.header('etag', `"${error.actual}"`);
    reply.status(problem.status).header('content-type', 'application/problem+json').send(problem);
  }

  /** `log`: the request's own logger, so that what an operator reads carries the request id. */
  private toProblem(error: unknown, log: FastifyBaseLogger): Problem {
    const mapped = MAPPING.find(([type]) => error instanceof type);
    if (error instanceof EventStoreUnavailableError) {
      // The cause names internal hosts and ports: for the logs, not for clients.
      log.warn({ err: error }, error.message);
      return {
        type: '/problems/store-unavailable',
        title: 'The event store cannot be reached',
        status: 503,
        detail: 'Try again shortly.',
      };
    }
    if (mapped && error instanceof Error) {
      const [, status, slug, title] = mapped;
      // Nothing can be written until someone frees space: loud, once per refused write.
      if (error instanceof EventStoreFullError) log.error({ err: error }, error.message);
      const errors =
        error instanceof InputValidationError
          ? error.errors
          : error instanceof DomainError && error.field
            ? [{ field: error.field, message: error.message }]
            : undefined;
      return { type: `/problems/${slug}`, title, status, detail: error.message, ...(errors ? { errors } : {}) };
    }
    const status = statusOf(error);
    if (status !== undefined && status < 500) {
      const detail = error instanceof HttpException ? messageOf(error) : (error as Error).message;
      return { type: 'about:blank', title: HttpStatus[status] ?? 'Error', status, detail };
    }
    log.error({ err: error }, 'unexpected error');
    return { type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'An unexpected error occurred' };
  }
}

/** Nest's own exceptions, and Fastify's (a body that is not JSON, say), carry a status. */
function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  const status = (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

function messageOf(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
}
