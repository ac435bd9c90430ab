import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from './canonical-json';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/**
 * A name-based UUID (RFC 9562 version 5 layout over SHA-1) of the claim's content, so that
 * recording the same claim twice, say by importing one article again, yields the same id
 * and the store drops the second copy.
 */
export function deriveEventId(parts: Record<string, unknown>): string {
  const bytes = createHash('sha1').update(canonicalJson(parts)).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function newEventId(): string {
  return randomUUID();
}
