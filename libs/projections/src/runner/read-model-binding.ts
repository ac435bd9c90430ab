import { EventStore, GlobalPosition } from '@app/event-store';
import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { Projection, createTables, createdTables, dropTables } from '../projection';
import { CheckpointTable } from './checkpoint-table';

/** How the read models started: resumed from their checkpoints, built on an empty file, or rebuilt (and why). */
export interface ReadModelStart {
  readModels: 'resumed' | 'built' | 'rebuilt';
  reason?: string;
}

/**
 * Ties the read models to the one event log they follow (`read_model_binding`), and readies their
 * tables at start: each projection's tables are dropped and built again from the log when asked,
 * when its shape (`version`) changed, or when the read models no longer match the log.
 */
export class ReadModelBinding {
  private readonly logger = new Logger('ProjectionRunner');

  constructor(
    private readonly db: Database.Database,
    private readonly store: EventStore,
    private readonly projections: readonly Projection[],
    private readonly table: CheckpointTable,
  ) {}

  /**
   * Why the read models cannot be trusted to follow this log, if they cannot: they were built from
   * another store, they have applied past the log's end (a store restored from an older copy), or
   * a table of theirs is missing.
   */
  async mismatch(identity: string): Promise<string | undefined> {
    const bound = this.db.prepare<[], { store_id: string }>('SELECT store_id FROM read_model_binding').get()?.store_id;
    if (bound !== undefined && bound !== identity) {
      return `they were built from another event store (${bound}; this one is ${identity})`;
    }
    const checkpoints = [...this.table.read()].filter(([, c]) => c.position !== undefined);
    if (checkpoints.length === 0) return undefined;
    const last = await this.store.lastPosition();
    for (const [name, { position }] of checkpoints) {
      if (last === undefined || this.store.comparePositions(position!, last) > 0) {
        return `projection ${name} has applied up to ${position}, past the end of the log (${last ?? 'empty'})`;
      }
    }
    const checked = new Map<GlobalPosition, string | undefined>();
    for (const [name, { position, eventId }] of checkpoints) {
      if (eventId === undefined) continue;
      if (!checked.has(position!)) checked.set(position!, (await this.store.eventAt(position!))?.id);
      if (checked.get(position!) !== eventId) {
        return `projection ${name} last applied event ${eventId} at ${position}, where the log now has ${checked.get(position!) ?? 'none'} (a log rewritten since, as from an older copy)`;
      }
    }
    const tables = new Set(
      this.db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((t) => t.name),
    );
    for (const projection of this.projections) {
      if (!checkpoints.some(([name]) => name === projection.name)) continue;
      const missing = createdTables(projection).find((table) => !tables.has(table));
      if (missing) return `table ${missing} of projection ${projection.name} is missing`;
    }
    return undefined;
  }

  /** Binds the read models to this log and readies every projection's tables, dropping those to rebuild. */
  bind(identity: string, { rebuild, mismatch }: { rebuild: boolean; mismatch?: string }): ReadModelStart {
    const fresh = [...this.table.read().values()].every((c) => c.position === undefined);
    const start: ReadModelStart = mismatch
      ? { readModels: 'rebuilt', reason: mismatch }
      : rebuild
        ? { readModels: 'rebuilt', reason: 'asked for (REBUILD_PROJECTIONS)' }
        : { readModels: fresh ? 'built' : 'resumed' };
    if (mismatch) this.logger.warn(`rebuilding every read model: ${mismatch}`);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM read_model_binding').run();
      this.db.prepare('INSERT INTO read_model_binding VALUES (?)').run(identity);
      for (const projection of this.projections) {
        const stored = this.table.version(projection);
        const outdated = stored !== undefined && stored !== projection.version;
        if (rebuild || mismatch || outdated) {
          this.logger.log(`rebuilding ${projection.name} (version ${projection.version}) from the start of the log`);
          dropTables(this.db, projection);
          this.table.forget(projection);
        }
        createTables(this.db, projection);
      }
    })();
    return start;
  }
}
