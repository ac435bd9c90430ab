import Database from 'better-sqlite3';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../apps/cli/src/main';
import { DataSet } from '../dataset';
import { Sample, collectGarbage, pass, summarize } from '../harness';
import { GoalRow, rateRow } from '../report';
import { Sync, serviceEnv } from '../fixtures';

/** The import runs at NORMAL, the level for bulk loading; the baseline commits at the same level. */
export const IMPORT_SYNC: Sync = 'normal';
const BATCH = 100;

export interface Rss {
  afterHalf: number;
  afterAll: number;
}

/**
 * Bulk import: the data set, slice after slice, through the CLI's `import` command (the
 * ordinary command path, one command per line with validation and idempotence; each slice a
 * CLI run, its start included) against better-sqlite3 inserting the very rows that slice
 * recorded into a plain table of the same columns, 100 rows a transaction, in between: each
 * slice is one sample of each side, so they alternate. Reading the rows back is not timed.
 */
export async function importScenario(data: DataSet): Promise<{ row: GoalRow; rss: Rss }> {
  const raw = new Database(join(data.dir, 'raw-import.db'));
  raw.pragma('journal_mode = WAL');
  raw.pragma(`synchronous = ${IMPORT_SYNC.toUpperCase()}`);
  raw.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT, stream_id TEXT, revision INTEGER,
                                 type TEXT, data TEXT, metadata TEXT)`);
  const insert = raw.prepare(
    'INSERT INTO events VALUES (@position, @event_id, @stream_id, @revision, @type, @data, @metadata)',
  );
  const insertBatch = raw.transaction((rows: unknown[]) => rows.forEach((row) => insert.run(row)));
  const ours: Sample[] = [];
  const baseline: Sample[] = [];
  const rss: Partial<Rss> = {};
  let position = 0;
  try {
    for (const [i, slice] of data.slices.entries()) {
      ours.push(await pass(slice.lines, () => importFile(slice.file, data.file)));
      const recorded = new Database(data.file, { readonly: true });
      const rows = recorded.prepare('SELECT * FROM events WHERE position > ? ORDER BY position').iterate(position);
      let seconds = 0;
      let count = 0;
      for (let batch = nextBatch(rows); batch.length > 0; batch = nextBatch(rows)) {
        const t0 = process.hrtime.bigint();
        insertBatch(batch);
        seconds += Number(process.hrtime.bigint() - t0) / 1e9;
        count += batch.length;
        position = (batch[batch.length - 1] as { position: number }).position;
      }
      recorded.close();
      baseline.push({ ops: count, seconds, opsPerSec: count / seconds });
      if (i + 1 === Math.ceil(data.slices.length / 2)) rss.afterHalf = residentMb();
    }
    rss.afterAll = residentMb();
  } finally {
    raw.close();
  }
  const row = rateRow(
    {
      goal: 'Bulk import',
      measured: `CLI import, ${data.slices.length} slices of ${data.slices[0].lines.toLocaleString('en-US')} lines, sync=${IMPORT_SYNC}`,
      explanation:
        'the generated data through the CLI `import` (`runCli` in the bench process, one run per slice file, its start ' +
        'included), in events per second, against better-sqlite3 inserting the rows each slice recorded into a plain ' +
        `table of the same columns, ${BATCH} rows a transaction, at the same \`synchronous\`, slice for slice.`,
      target: { op: '≥', value: 0.25 },
    },
    'events/s',
    { subject: summarize('CLI import', ours), baseline: summarize('raw insert', baseline) },
  );
  return { row, rss: rss as Rss };
}

function nextBatch(rows: IterableIterator<unknown>): unknown[] {
  const batch: unknown[] = [];
  for (let next = rows.next(); !next.done; next = rows.next()) {
    batch.push(next.value);
    if (batch.length === BATCH) break;
  }
  return batch;
}

async function importFile(file: string, database: string): Promise<void> {
  const stderr = new PassThrough();
  let diagnostics = '';
  stderr.on('data', (chunk: Buffer) => (diagnostics = (diagnostics + chunk.toString()).slice(-2000)));
  const code = await runCli(
    ['import', file],
    { stdin: Readable.from([]), stdout: new PassThrough().resume(), stderr },
    serviceEnv(database, IMPORT_SYNC),
  );
  if (code !== 0) throw new Error(`import of ${file} exited with ${code}: ${diagnostics}`);
}

/** Resident set of this process, after a full collection, in MB. */
export function residentMb(): number {
  collectGarbage();
  return process.memoryUsage().rss / 2 ** 20;
}
