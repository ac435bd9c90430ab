import type { Position } from '@eventstore/db-client';
import { GlobalPosition } from '../event-store.port';

/** EventStoreDB's $all position as the port's opaque token: `commit:prepare`, both uint64. */
export function encodePosition(position: Position): GlobalPosition {
  return `${position.commit}:${position.prepare}`;
}

export function decodePosition(token: GlobalPosition): Position {
  const match = /^(\d+):(\d+)$/.exec(token);
  if (!match) throw new Error(`not an EventStoreDB position: ${token}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}

/** $all is ordered by commit position, then prepare position within a commit. */
export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  const x = decodePosition(a);
  const y = decodePosition(b);
  const byCommit = x.commit === y.commit ? 0 : x.commit < y.commit ? -1 : 1;
  return byCommit || (x.prepare === y.prepare ? 0 : x.prepare < y.prepare ? -1 : 1);
}
