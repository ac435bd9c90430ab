/** A client wrote more than its limit allows (HTTP 429, with Retry-After). */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many writes: try again in ${retryAfterSeconds} s`);
    this.name = 'RateLimitedError';
  }
}
