import { EventRecord, fromRecord } from '@app/domain';
import { EVENT_STORE, EventStore, StoredEvent } from '@app/event-store';
import { PROJECTIONS, Projection, createTables, openReadModelDatabase } from '@app/projections';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { hrtime } from 'node:process';
import { DataSet } from '../dataset';
import { Sample, compare, pass } from '../harness';
import { GoalRow, rateRow } from '../report';
import { serviceConfig, startService } from '../fixtures';

/** Events applied a transaction in the floor, as the runner applies them while catching up. */
const FLOOR_BATCH = 10_000;

/**
 * Projection rebuild: a start with REBUILD_PROJECTIONS (every read model emptied and fed the
 * whole log, their writes included, Nest's start too, as an operator would time it) against
 * better-sqlite3 iterating the same event rows and parsing their JSON: reading the log is the
 * floor of any rebuild. No warm-up: each side is one pass over the whole store.
 */
export async function rebuildScenario(data: DataSet): Promise<GoalRow> {
  const config = serviceConfig(data.file, 'normal');
  const raw = new Database(data.file, { readonly: true });
  try {
    const rows = raw.prepare<[], { data: string; metadata: string }>('SELECT data, metadata FROM events');
    const events = raw.prepare('SELECT COUNT(*) FROM events').pluck().get() as number;
    const pair = await compare(
      {
        label: 'rebuild at start',
        run: () =>
          pass(events, async () => {
            const app = await startService({ ...config, projections: { ...config.projections, rebuild: true } });
            await app.close();
          }),
      },
      {
        label: 'iterate() + JSON.parse',
        run: () =>
          pass(events, () => {
            for (const row of rows.iterate()) {
              JSON.parse(row.data);
              JSON.parse(row.metadata);
            }
          }),
      },
      { warmups: 0 },
    );
    const floor = await projectionWrites(data, config);
    const floorRatio = floor.opsPerSec / pair.baseline.opsPerSec;
    return rateRow(
      {
        goal: 'Projection rebuild',
        measured:
          `every read model from empty, ${events.toLocaleString('en-US')} events ` +
          `(the projections' own writes alone, on events parsed beforehand, reach ${floorRatio.toFixed(3)} × the baseline)`,
        explanation:
          'a service start with `REBUILD_PROJECTIONS=true` (read models emptied and rebuilt from the whole log, their ' +
          'writes included), in events per second, against better-sqlite3 `iterate()` + `JSON.parse` of the same rows. ' +
          "Beside it, the floor of the read models' shape: every projection applying the same events, read and parsed " +
          'beforehand (not timed), to an empty database of their own, 10,000 a transaction, with no runner, log read or Nest.',
        target: { op: '≥', value: 0.25 },
      },
      'events/s',
      pair,
    );
  } finally {
    raw.close();
  }
}

/**
 * One pass of the projections' own SQL over the whole log (see the row's explanation): the
 * service's projections, fed the service's log read through its port; only the applying is timed.
 */
async function projectionWrites(data: DataSet, config: ReturnType<typeof serviceConfig>): Promise<Sample> {
  const app = await startService(config);
  const file = join(data.dir, 'floor-read-models.db');
  const db = openReadModelDatabase(file);
  try {
    const projections = app.get<Projection[]>(PROJECTIONS);
    projections.forEach((projection) => createTables(db, projection));
    let seconds = 0;
    let count = 0;
    const apply = (batch: StoredEvent[]) => {
      const events = batch.map((stored) => fromRecord(stored as EventRecord));
      const t0 = hrtime.bigint();
      db.transaction(() => {
        events.forEach((event, i) => {
          const { streamId, revision, position } = batch[i];
          const at = { streamId, revision, position, sequence: count + i + 1 };
          for (const projection of projections)
            if (projection.handles.includes(event.type)) projection.apply(db, event, at);
        });
      })();
      seconds += Number(hrtime.bigint() - t0) / 1e9;
      count += batch.length;
    };
    let batch: StoredEvent[] = [];
    for await (const stored of app.get<EventStore>(EVENT_STORE).readAll()) {
      batch.push(stored);
      if (batch.length < FLOOR_BATCH) continue;
      apply(batch);
      batch = [];
    }
    apply(batch);
    return { ops: count, seconds, opsPerSec: count / seconds };
  } finally {
    db.close();
    await app.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  }
}
