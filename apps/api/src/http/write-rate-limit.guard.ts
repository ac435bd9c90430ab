import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGetTrackerFunction, ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { principalOf } from './api-key.guard';
import { RateLimitedError } from './rate-limited.error';

/** The throttlers: one counting a key's writes, one an address's (`ThrottlerModule` in AppModule). */
export const PER_KEY = 'per-key';
export const PER_ADDRESS = 'per-address';

/** What each throttler counts a request under. */
export const TRACKERS: Record<string, ThrottlerGetTrackerFunction> = {
  [PER_KEY]: (request) => principalOf(request as FastifyRequest)?.keyId ?? `address:${request.ip}`,
  [PER_ADDRESS]: (request) => (request as FastifyRequest).ip,
};

/**
 * Limits writes (every method but GET and HEAD) per API key and per client address, with
 * @nestjs/throttler's counters; reads are not limited here. Runs after ApiKeyGuard, which names
 * the key. Over a limit: 429 problem+json with Retry-After.
 */
@Injectable()
export class WriteRateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const { method } = context.switchToHttp().getRequest<FastifyRequest>();
    return method === 'GET' || method === 'HEAD';
  }

  protected override async throwThrottlingException(_: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new RateLimitedError(Math.max(1, Math.ceil(detail.timeToBlockExpire)));
  }
}
