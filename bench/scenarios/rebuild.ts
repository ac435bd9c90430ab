import Database from 'better-sqlite3';
import { DataSet } from '../dataset';
import { compare, pass } from '../harness';
import { GoalRow, rateRow } from '../report';
import { serviceConfig, startService } from '../fixtures';

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
    return rateRow(
      {
        goal: 'Projection rebuild',
        measured: `every read model from empty, ${events.toLocaleString('en-US')} events`,
        explanation:
          'a service start with `REBUILD_PROJECTIONS=true` (read models emptied and rebuilt from the whole log, their ' +
          'writes included), in events per second, against better-sqlite3 `iterate()` + `JSON.parse` of the same rows.',
        target: { op: '≥', value: 0.25 },
      },
      'events/s',
      pair,
    );
  } finally {
    raw.close();
  }
}
