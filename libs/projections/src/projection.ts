import type Database from 'better-sqlite3';
import { TimelineEvent } from '@app/domain';

/** Where an event sits in the log, as a projection sees it. */
export interface AppliedAt {
  streamId: string;
  revision: number;
  position: string;
  /** Ordinal of the event in the global log as this projection applied it: recording order. */
  sequence: number;
}

/**
 * A read model fed from the global log. `apply` runs inside the transaction that also
 * moves the checkpoint, and must be idempotent by event id (it may see an event again
 * only if a checkpoint write was lost with it, which the shared transaction prevents).
 * It is called only for the event types the projection `handles`.
 */
export interface Projection<E extends TimelineEvent = TimelineEvent> {
  readonly name: string;
  /**
   * The shape of its tables: raising it makes the runner drop them and replay the log into
   * the new shape at the next start, so a schema change needs no hand-written migration.
   */
  readonly version: number;
  /** The event types it applies; its checkpoint moves past every other without calling `apply`. */
  readonly handles: readonly E['type'][];
  /** SQL creating its tables and indexes if missing (`CREATE … IF NOT EXISTS`). */
  readonly schema: string;
  /** The tables a rebuild from the start of the log drops (`schema` creates them again). */
  readonly tables: readonly string[];
  apply(db: Database.Database, event: E, at: AppliedAt): void;
}

export const PROJECTIONS = Symbol('PROJECTIONS');

/** Creates the projection's tables if missing. */
export function createTables(db: Database.Database, projection: Projection): void {
  db.exec(projection.schema);
}

/** The tables its schema creates (`tables` may also name old ones a rebuild drops). */
export function createdTables(projection: Projection): string[] {
  return [...projection.schema.matchAll(/CREATE TABLE IF NOT EXISTS (\w+)/gi)].map((match) => match[1]);
}

/** Drops the projection's tables, for a rebuild. */
export function dropTables(db: Database.Database, projection: Projection): void {
  for (const table of projection.tables) db.exec(`DROP TABLE IF EXISTS ${table}`);
}
