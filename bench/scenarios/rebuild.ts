import Database from 'better-sqlite3';
import { join } from 'node:path';
import { Result, Sample, compare } from '../harness';
import {
  benchConfig,
  eventStoreOf,
  registerSources,
  settle,
  startTimeline,
  tempDir,
  writeFranchise,
} from '../fixtures';

const FRANCHISES = 10;
const CLAIMS_EACH = 2_000;

/** Times one whole pass over `events` events as one sample, in events per second. */
async function pass(events: number, run: () => unknown): Promise<Sample> {
  const t0 = process.hrtime.bigint();
  await run();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { ops: events, seconds, opsPerSec: events / seconds };
}

/**
 * Scenario 5: a start with REBUILD_PROJECTIONS, every read model emptied and fed the whole log
 * (Nest's start included, as an operator would time it), against better-sqlite3 iterating the
 * same event rows and parsing their JSON: reading the log is the floor of any rebuild.
 */
export async function rebuildScenario(): Promise<Result[]> {
  const tmp = tempDir('rebuild');
  const config = benchConfig(tmp.dir, 'normal');
  try {
    const setup = await startTimeline(config);
    await registerSources(eventStoreOf(setup));
    for (let i = 0; i < FRANCHISES; i++)
      await writeFranchise(eventStoreOf(setup), `bench-rebuild-${i}`, CLAIMS_EACH, i);
    settle(setup);
    await setup.close();

    const raw = new Database(
      config.eventStore.kind === 'sqlite' ? config.eventStore.file : join(tmp.dir, 'timeline.db'),
      {
        readonly: true,
      },
    );
    const rows = raw.prepare<[], { data: string; metadata: string }>('SELECT data, metadata FROM events');
    const events = (raw.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    try {
      const { subject, baseline } = await compare(
        {
          label: 'rebuild at start',
          run: () =>
            pass(events, async () => {
              const app = await startTimeline({ ...config, projections: { rebuild: true } });
              await app.close();
            }),
        },
        {
          label: `iterate() + JSON.parse, ${events} rows`,
          run: () =>
            pass(events, () => {
              for (const row of rows.iterate()) {
                JSON.parse(row.data);
                JSON.parse(row.metadata);
              }
            }),
        },
      );
      return [
        {
          scenario: '5. Rebuild',
          case: `every projection from empty read models, ${events} events (events/s)`,
          unit: 'ops/s',
          subject,
          baseline,
        },
      ];
    } finally {
      raw.close();
    }
  } finally {
    tmp.dispose();
  }
}
