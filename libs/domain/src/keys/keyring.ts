import { Decision, Fold } from '../decision';
import { IdentityConflictError, RuleViolationError } from '../errors/domain-errors';
import { ApiKeyIssued, ApiKeyRevoked, KeyringEvent, metaFor } from '../events/timeline-events';
import { SCOPES, Scope } from './scopes';

/** Who acts: recorded as `recordedBy` on every event it writes. */
export const PRINCIPAL = /^[a-z0-9][a-z0-9._@-]{0,63}$/;
/** Principals the service writes as itself (the seed, the CLI): no key can be issued to them. */
export const SYSTEM_PREFIX = 'system:';

export interface IssuedKey {
  keyId: string;
  principal: string;
  scopes: Scope[];
  /** SHA-256 of the secret, hex: the secret itself is shown once and never stored. */
  secretHash: string;
  issuedAt: string;
  revokedAt?: string;
  /** The event that revoked it: what a repeated revocation answers with. */
  revocationId?: string;
}

/** Every key ever issued, by id, in issue order. */
export interface KeyringState {
  keys: Map<string, IssuedKey>;
}

export const keyringFold: Fold<KeyringState, KeyringEvent> = {
  initial: () => ({ keys: new Map() }),
  evolve(state, event) {
    if (event.type === 'ApiKeyIssued') {
      const { keyId, principal, scopes, secretHash } = event.data;
      state.keys.set(keyId, { keyId, principal, scopes, secretHash, issuedAt: event.meta.recordedAt });
    } else {
      const key = state.keys.get(event.data.keyId);
      if (key) Object.assign(key, { revokedAt: event.meta.recordedAt, revocationId: event.eventId });
    }
    return state;
  },
};

/** The key's grant when it exists and is not revoked. */
export function activeKey(state: KeyringState, keyId: string): IssuedKey | undefined {
  const key = state.keys.get(keyId);
  return key && !key.revokedAt ? key : undefined;
}

/** Whether a key with `scopes` may do what `needed` allows: a scope grants itself and every scope before it in SCOPES. */
export function grants(scopes: readonly Scope[], needed: Scope): boolean {
  return needed === 'read' || scopes.some((scope) => SCOPES.indexOf(scope) >= SCOPES.indexOf(needed));
}

export interface IssueKey {
  keyId: string;
  principal: string;
  scopes: Scope[];
  secretHash: string;
  eventId: string;
  recordedAt: string;
  recordedBy: string;
}

export function issueKey(state: KeyringState, command: IssueKey): Decision<ApiKeyIssued> {
  const { keyId, principal, secretHash } = command;
  if (!PRINCIPAL.test(principal)) {
    throw new RuleViolationError(
      'principal must be 1-64 lower-case letters, digits and . _ @ -, starting with a letter or digit',
      'principal',
    );
  }
  const scopes = [...new Set(command.scopes)];
  if (scopes.length === 0 || scopes.some((scope) => !SCOPES.includes(scope))) {
    throw new RuleViolationError(`scopes must be one or more of ${SCOPES.join(', ')}`, 'scopes');
  }
  if (state.keys.has(keyId)) throw new IdentityConflictError(`key ${keyId} already exists`, 'keyId');
  const event: ApiKeyIssued = {
    type: 'ApiKeyIssued',
    eventId: command.eventId,
    data: { keyId, principal, scopes: SCOPES.filter((s) => scopes.includes(s)), secretHash },
    meta: metaFor('ApiKeyIssued', command.recordedAt, command.recordedBy),
  };
  return { kind: 'append', events: [event] };
}

export interface RevokeKeys {
  /** A key id, or a principal: all of its keys. */
  keyOrPrincipal: string;
  /**
   * One per key revoked, in issue order. Any new id will do: a repeated revocation is answered from
   * the keyring, so no id needs to be derived, and none a client took first can block it.
   */
  eventIds: (keyId: string) => string;
  recordedAt: string;
  recordedBy: string;
}

/** Revokes a key, or every active key of a principal; nothing to revoke when they all already are. */
export function revokeKeys(state: KeyringState, command: RevokeKeys): Decision<ApiKeyRevoked> {
  const named = [...state.keys.values()].filter(
    (key) => key.keyId === command.keyOrPrincipal || key.principal === command.keyOrPrincipal,
  );
  if (named.length === 0) {
    throw new RuleViolationError(`no key has the id or principal "${command.keyOrPrincipal}"`, 'key');
  }
  const active = named.filter((key) => !key.revokedAt);
  if (active.length === 0) return { kind: 'alreadyRecorded', eventId: named[0].revocationId! };
  return {
    kind: 'append',
    events: active.map(({ keyId }) => ({
      type: 'ApiKeyRevoked',
      eventId: command.eventIds(keyId),
      data: { keyId },
      meta: metaFor('ApiKeyRevoked', command.recordedAt, command.recordedBy),
    })),
  };
}
