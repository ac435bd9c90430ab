import { IdentityConflictError, RuleViolationError } from '../errors/domain-errors';
import { ApiKeyIssued, ApiKeyRevoked, KeyringEvent } from '../events/timeline-events';
import { RECORDED_AT, RECORDED_BY } from '../events/timeline-events.fixtures';
import { IssueKey, activeKey, grants, issueKey, keyringFold, revokeKeys } from './keyring';
import { Scope } from './scopes';

const stamp = { recordedAt: RECORDED_AT, recordedBy: RECORDED_BY };
const meta = { ...stamp, schemaVersion: 1 };

function issued(keyId: string, principal: string, scopes: Scope[] = ['write']): ApiKeyIssued {
  return {
    type: 'ApiKeyIssued',
    eventId: `issued-${keyId}`,
    data: { keyId, principal, scopes, secretHash: `hash-${keyId}` },
    meta,
  };
}

function revoked(keyId: string): ApiKeyRevoked {
  return { type: 'ApiKeyRevoked', eventId: `revoked-${keyId}`, data: { keyId }, meta };
}

const given = (...events: KeyringEvent[]) =>
  events.reduce((state, event) => keyringFold.evolve(state, event), keyringFold.initial());

const issue = (command: Partial<IssueKey>): IssueKey => ({
  keyId: 'k1',
  principal: 'alice',
  scopes: ['write'],
  secretHash: 'hash-k1',
  eventId: 'issued-k1',
  ...stamp,
  ...command,
});

const revoke = (keyOrPrincipal: string) => ({ keyOrPrincipal, eventIds: (id: string) => `revoked-${id}`, ...stamp });

describe('keyring', () => {
  describe('issueKey', () => {
    it('issues a key to a principal, keeping the hash of its secret and its scopes in a fixed order', () => {
      const decision = issueKey(given(), issue({ scopes: ['admin', 'write', 'admin'] }));

      expect(decision).toEqual({ kind: 'append', events: [issued('k1', 'alice', ['write', 'admin'])] });
    });

    it.each([
      ['an empty principal', { principal: '' }, 'principal'],
      ['a system principal', { principal: 'system:seed' }, 'principal'],
      ['a principal with spaces', { principal: 'alice smith' }, 'principal'],
      ['no scope', { scopes: [] }, 'scopes'],
      ['an unknown scope', { scopes: ['root' as Scope] }, 'scopes'],
    ])('refuses %s, naming the field', (_, command, field) => {
      expect(() => issueKey(given(), issue(command))).toThrow(
        expect.objectContaining({ constructor: RuleViolationError, field }),
      );
    });

    it('refuses a key id already issued', () => {
      expect(() => issueKey(given(issued('k1', 'bob')), issue({}))).toThrow(IdentityConflictError);
    });
  });

  describe('revokeKeys', () => {
    it('revokes one key by its id, leaving the principal’s other keys active', () => {
      const state = given(issued('k1', 'alice'), issued('k2', 'alice'));

      expect(revokeKeys(state, revoke('k1'))).toEqual({ kind: 'append', events: [revoked('k1')] });
    });

    it('revokes every active key of a principal named', () => {
      const state = given(issued('k1', 'alice'), issued('k2', 'bob'), issued('k3', 'alice'), revoked('k3'));

      expect(revokeKeys(state, revoke('alice'))).toEqual({ kind: 'append', events: [revoked('k1')] });
    });

    it('answers a key already revoked as already recorded, naming the revocation', () => {
      const state = given(issued('k1', 'alice'), revoked('k1'));

      const again = { ...revoke('k1'), eventIds: () => 'a-new-id' };

      expect(revokeKeys(state, again)).toEqual({ kind: 'alreadyRecorded', eventId: 'revoked-k1' });
    });

    it('refuses a name that is neither a key nor a principal', () => {
      expect(() => revokeKeys(given(issued('k1', 'alice')), revoke('mallory'))).toThrow(RuleViolationError);
    });
  });

  describe('activeKey', () => {
    it('finds an issued key until it is revoked', () => {
      expect(activeKey(given(issued('k1', 'alice')), 'k1')?.principal).toBe('alice');
      expect(activeKey(given(issued('k1', 'alice'), revoked('k1')), 'k1')).toBeUndefined();
      expect(activeKey(given(), 'k1')).toBeUndefined();
    });
  });

  describe('grants', () => {
    it('lets any key read, and write or administer only with that scope or a wider one', () => {
      expect(grants(['read'], 'read')).toBe(true);
      expect(grants(['write'], 'read')).toBe(true);
      expect(grants(['write'], 'write')).toBe(true);
      expect(grants(['write'], 'admin')).toBe(false);
      expect(grants(['read'], 'write')).toBe(false);
      expect(grants(['read'], 'admin')).toBe(false);
    });

    it('lets an admin key do everything a write key does', () => {
      expect(grants(['admin'], 'read')).toBe(true);
      expect(grants(['admin'], 'write')).toBe(true);
      expect(grants(['admin'], 'admin')).toBe(true);
    });
  });
});
