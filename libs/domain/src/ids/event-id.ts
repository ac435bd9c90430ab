import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A name-based UUID (RFC 9562 version 5 layout over SHA-1) of what the event names (a claim's
 * content, a franchise's or source's id, a revoked key), so that recording the same thing twice,
 * say by importing one article again, yields the same id and the store drops the second copy.
 * Version 5 is the service's alone: a client never chooses one (`isServiceEventId`).
 */
export function deriveEventId(parts: Record<string, unknown>): string {
  const bytes = createHash('sha1').update(canonicalJson(parts)).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Whether an id is in the namespace of ids the service derives. Event ids are unique across the
 * store, so an id a client chose could otherwise reserve one the service will derive later (the
 * revocation of a key, a franchise's creation, another source's claim) and block that write.
 */
export function isServiceEventId(value: string): boolean {
  return isUuid(value) && value[14] === '5';
}

export function newEventId(): string {
  return randomUUID();
}
