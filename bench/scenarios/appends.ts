import { toRecord } from '@app/domain';
import { SqliteEventStore } from '@app/event-store/sqlite/sqlite-event-store';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Limits, Result, compare, measure } from '../harness';
import { Sync, milestone, nextId, tempDir } from '../fixtures';

/** FULL is fsync-bound (~5k/s here): fewer ops keep a repetition under a second either way. */
const LIMITS: Record<Sync, Limits> = {
  normal: { maxOps: 5000, maxMs: 800 },
  full: { maxOps: 1500, maxMs: 800 },
};

const STREAM = 'franchise-bench-appends';

/** The same content the store writes (id, type, data, metadata) as one JSON text, for the raw baseline. */
function rawRow(): string {
  return JSON.stringify(toRecord(milestone('bench-appends', 37_000_000), { correlationId: nextId() }));
}

/**
 * Scenario 1: SqliteEventStore.append, one event per call, against better-sqlite3 inserting
 * one row per transaction with the same pragmas. The gap is the store's own work: BEGIN
 * IMMEDIATE, the lookups by event id and MAX(revision), and its schema (two more unique
 * B-trees, AUTOINCREMENT's sqlite_sequence row) written on every commit.
 */
export async function appendsScenario(): Promise<Result[]> {
  const results: Result[] = [];
  for (const sync of ['normal', 'full'] as const) {
    const tmp = tempDir(`appends-${sync}`);
    const raw = new Database(join(tmp.dir, 'raw.db'));
    const store = new SqliteEventStore({ file: join(tmp.dir, 'store.db'), synchronous: sync });
    try {
      raw.pragma('journal_mode = WAL');
      raw.pragma(`synchronous = ${sync.toUpperCase()}`);
      raw.pragma('busy_timeout = 5000');
      raw.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
      const insert = raw.prepare('INSERT INTO rows (body) VALUES (?)');
      const insertOne = raw.transaction((body: string) => insert.run(body));

      // Both sides build their payload inside the timed call: the store has to stringify it.
      const template = milestone('bench-appends', 37_000_000);
      let revision = -1;
      const limits = LIMITS[sync];
      const { subject, baseline } = await compare(
        {
          label: `SqliteEventStore.append, ${sync}`,
          run: () =>
            measure(async () => {
              const record = toRecord({ ...template, eventId: nextId() }, { correlationId: nextId() });
              const { nextRevision } = await store.append(STREAM, [record], revision < 0 ? 'no_stream' : revision);
              revision = nextRevision;
            }, limits),
        },
        {
          label: `raw insert of a ${rawRow().length}-byte row, 1/tx, ${sync}`,
          run: () => measure(() => insertOne(rawRow()), limits),
        },
      );
      results.push({
        scenario: '1. Appends',
        case: `store.append, 1 event/call, sync=${sync}`,
        unit: 'ops/s',
        subject,
        baseline,
      });
    } finally {
      await store.close();
      raw.close();
      tmp.dispose();
    }
  }
  return results;
}
