import {
  IssuedKey,
  KEYRING_STREAM,
  Scope,
  issueKey,
  keyringFold,
  newEventId,
  revokeKeys,
  activeKey,
} from '@app/domain';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CommandContext } from '../command-context';
import { RecordingResult } from '../recording-result';
import { StreamWriter } from '../stream-writer';

/** `tlk_<key id>_<secret>`: the id finds the key, the secret proves it. */
const TOKEN = /^tlk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Who a valid key speaks for, and what it may do. */
export interface Principal {
  name: string;
  keyId: string;
  scopes: Scope[];
}

/** A key as listed: everything but its hash and the id of the event that revoked it. */
export type ListedKey = Omit<IssuedKey, 'secretHash' | 'revocationId'>;

/**
 * Issues, lists, revokes and checks API keys. Keys live in the event log (`KEYRING_STREAM`), so
 * every store keeps them and every instance sees the same. Each check reads the keyring's tail
 * (one indexed read: the folded keyring is kept), so a key revoked by the CLI or another instance
 * stops working at the next request.
 */
@Injectable()
export class ApiKeys {
  constructor(private readonly writer: StreamWriter) {}

  /** A new key: the token is in the answer only, never stored. */
  async issue(
    principal: string,
    scopes: Scope[],
    context: CommandContext,
  ): Promise<{ token: string; key: ListedKey; recorded: RecordingResult }> {
    const keyId = randomBytes(8).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    const recorded = await this.writer.write(
      KEYRING_STREAM,
      keyringFold,
      (state, stamp) =>
        issueKey(state, { keyId, principal, scopes, secretHash: hashOf(secret), eventId: newEventId(), ...stamp }),
      context,
    );
    const key = (await this.list()).find((k) => k.keyId === keyId)!;
    return { token: `tlk_${keyId}_${secret}`, key, recorded };
  }

  /** Revokes a key by id, or every active key of a principal; `revoked` lists them (none when all already were). */
  async revoke(
    keyOrPrincipal: string,
    context: CommandContext,
  ): Promise<{ revoked: ListedKey[]; recorded: RecordingResult }> {
    let decided: string[] = [];
    const recorded = await this.writer.write(
      KEYRING_STREAM,
      keyringFold,
      (state, stamp) => {
        const decision = revokeKeys(state, { keyOrPrincipal, eventIds: newEventId, ...stamp });
        // The decision of the last attempt is the one appended.
        decided = decision.kind === 'append' ? decision.events.map((event) => event.data.keyId) : [];
        return decision;
      },
      context,
    );
    const keys = await this.list();
    return { revoked: decided.map((keyId) => keys.find((key) => key.keyId === keyId)!), recorded };
  }

  async list(): Promise<ListedKey[]> {
    const { state } = await this.writer.current(KEYRING_STREAM, keyringFold);
    return [...state.keys.values()].map(({ secretHash, revocationId, ...listed }) => listed);
  }

  /** The principal of a valid, unrevoked token; undefined for anything else. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const match = TOKEN.exec(token);
    if (!match) return undefined;
    const [, keyId, secret] = match;
    const { state } = await this.writer.current(KEYRING_STREAM, keyringFold);
    const key = activeKey(state, keyId);
    // Compared in constant time, and compared even for an unknown id, so timing tells nothing.
    const expected = Buffer.from(key?.secretHash ?? hashOf(''), 'hex');
    const valid = timingSafeEqual(expected, Buffer.from(hashOf(secret), 'hex'));
    return key && valid ? { name: key.principal, keyId, scopes: key.scopes } : undefined;
  }
}

/** SHA-256 suffices: the secret is 256 random bits, not a password to stretch. */
function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
