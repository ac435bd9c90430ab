import type { Scope } from '@app/domain';

/** No key, a malformed one, an unknown one or a revoked one (HTTP 401). */
export class UnauthenticatedError extends Error {
  constructor(message = 'this needs an API key: send Authorization: Bearer <key>') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** A valid key without the scope the operation needs (HTTP 403). */
export class MissingScopeError extends Error {
  constructor(readonly needed: Scope) {
    super(`this needs a key with the ${needed} scope`);
    this.name = 'MissingScopeError';
  }
}
