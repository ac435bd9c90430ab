import { EdtfDate, fromRecord, isClaimEvent, occurredOn } from '@app/domain';
import { EVENT_STORE, EventStore, GlobalPosition } from '@app/event-store';
import { PROJECTIONS, Projection, createTables, createdTables } from './projection';
import { READ_MODEL_DATABASE } from './read-model.database';
import { Inject, Injectable } from '@nestjs/common';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Problems listed in full; beyond, only counted (a broken file can have millions). */
const MAX_LISTED = 50;

export interface VerifyReport {
  events: number;
  problems: string[];
  /** Problems found beyond those listed. */
  unlisted: number;
}

/**
 * `cli verify`: checks the event log (positions strictly increasing, revisions contiguous in each
 * stream, ids unique, every event readable in its schema version with a valid date), and that
 * every read model holds exactly what a rebuild from zero gives, row for row. The rebuild runs
 * the projections over the log into a scratch file, as the runner does from an empty file.
 */
@Injectable()
export class Verifier {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly db: Database.Database,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
  ) {}

  async verify(): Promise<VerifyReport> {
    const report: VerifyReport = { events: 0, problems: [], unlisted: 0 };
    const problem = (text: string) =>
      report.problems.length < MAX_LISTED ? report.problems.push(text) : (report.unlisted += 1);
    const dir = mkdtempSync(join(tmpdir(), 'timeline-verify-'));
    const scratch = new Database(join(dir, 'rebuilt.db'));
    try {
      scratch.pragma('journal_mode = OFF');
      scratch.pragma('synchronous = OFF');
      for (const projection of this.projections) createTables(scratch, projection);
      await this.checkLog(scratch, report, problem);
      this.compareReadModels(scratch, problem);
    } finally {
      scratch.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return report;
  }

  private async checkLog(scratch: Database.Database, report: VerifyReport, problem: (text: string) => void) {
    const ids = new Set<string>();
    const nextRevision = new Map<string, number>();
    const handled = new Map(this.projections.map((p) => [p, new Set<string>(p.handles)]));
    let last: GlobalPosition | undefined;
    const apply = scratch.transaction((run: () => void) => run());
    for await (const stored of this.store.readAll()) {
      report.events += 1;
      const { id, streamId, revision, position } = stored;
      if (last !== undefined && this.store.comparePositions(position, last) <= 0) {
        problem(`event ${id} at position ${position} does not come after position ${last}`);
      }
      last = position;
      const expected = nextRevision.get(streamId) ?? 0;
      if (revision !== expected) problem(`event ${id} is revision ${revision} of ${streamId}, expected ${expected}`);
      nextRevision.set(streamId, revision + 1);
      if (ids.has(id)) problem(`event id ${id} appears more than once`);
      ids.add(id);
      let event;
      try {
        event = fromRecord(stored);
        if (isClaimEvent(event)) EdtfDate.parse(occurredOn(event));
      } catch (error) {
        problem(`event ${id} (${stored.type}) in ${streamId} cannot be read: ${(error as Error).message}`);
        continue;
      }
      // The runner counts every event for every projection: the ordinal in the log is the sequence.
      const at = { streamId, revision, position, sequence: report.events };
      apply(() => {
        for (const projection of this.projections) {
          if (handled.get(projection)!.has(event.type)) projection.apply(scratch, event, at);
        }
      });
    }
  }

  /** Each read model's tables, row for row, against the rebuild. */
  private compareReadModels(scratch: Database.Database, problem: (text: string) => void): void {
    for (const projection of this.projections) {
      for (const table of createdTables(projection)) {
        const columns = scratch
          .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
          .all()
          .map((c) => c.name)
          .join(', ');
        const rows = (db: Database.Database) => {
          try {
            return db.prepare(`SELECT ${columns} FROM ${table} ORDER BY ${columns}`).all();
          } catch (error) {
            return `cannot be read (${(error as Error).message})`;
          }
        };
        const [kept, rebuilt] = [rows(this.db), rows(scratch)];
        if (typeof kept === 'string') {
          problem(`read model ${projection.name}: table ${table} ${kept}`);
          continue;
        }
        const differs = (rebuilt as unknown[]).findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(kept[i]));
        if (kept.length !== (rebuilt as unknown[]).length || differs >= 0) {
          problem(
            `read model ${projection.name}: table ${table} holds ${kept.length} rows, a rebuild ${(rebuilt as unknown[]).length}` +
              (differs >= 0 ? `; the first that differs is row ${differs + 1} in order` : ''),
          );
        }
      }
    }
  }
}
