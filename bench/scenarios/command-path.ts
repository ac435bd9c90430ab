import { CLAIM_KINDS, RecordClaimCommand, RecordViewershipMilestoneDto } from '@app/commands';
import { toRecord } from '@app/domain';
import { SqliteEventStore } from '@app/event-store/sqlite/sqlite-event-store';
import { CommandBus } from '@nestjs/cqrs';
import { join } from 'node:path';
import { Limits, Result, compare, measure } from '../harness';
import {
  BENCH_SOURCES,
  Sync,
  benchConfig,
  eventStoreOf,
  milestone,
  nextId,
  registerSources,
  settle,
  startTimeline,
  tempDir,
  writeFranchise,
} from '../fixtures';

/** Stream sizes before the write: a typical franchise, and a long-lived one. */
const SIZES = [30, 1000];
/**
 * A franchise takes at most this share of its size in new claims during one repetition, so a
 * stream of N stays between N and 1.2 N; more franchises share the ops instead.
 */
const GROWTH = 0.2;
const SUBJECT_LIMITS: Record<number, Limits> = {
  30: { maxOps: 300, maxMs: 700 },
  1000: { maxOps: 100, maxMs: 700 },
};
const BASELINE_LIMITS: Record<Sync, Limits> = {
  normal: { maxOps: 3000, maxMs: 300 },
  full: { maxOps: 1000, maxMs: 300 },
};

/**
 * Scenario 2: one claim recorded through the CommandBus, as the HTTP API and the importer do:
 * read the source stream and the whole franchise stream, fold, decide, append, and (inside the
 * append, synchronously) apply the four projections. Baseline: a bare SqliteEventStore.append
 * of the same event at the same synchronous level, on its own file.
 */
export async function commandPathScenario(): Promise<Result[]> {
  const results: Result[] = [];
  for (const sync of ['full', 'normal'] as const) {
    const tmp = tempDir(`commands-${sync}`);
    const app = await startTimeline(benchConfig(tmp.dir, sync));
    const bare = new SqliteEventStore({ file: join(tmp.dir, 'bare.db'), synchronous: sync });
    try {
      const store = eventStoreOf(app);
      const commandBus = app.get(CommandBus);
      await registerSources(store);
      let bareRevision = -1;
      const bareAppend = () =>
        measure(async () => {
          const record = toRecord(milestone('bench-bare', 37_000_000), { correlationId: nextId() });
          const { nextRevision } = await bare.append(
            'franchise-bench-bare',
            [record],
            bareRevision < 0 ? 'no_stream' : bareRevision,
          );
          bareRevision = nextRevision;
        }, BASELINE_LIMITS[sync]);

      for (const size of SIZES) {
        const limits = SUBJECT_LIMITS[size];
        const perFranchise = Math.max(1, Math.floor(size * GROWTH));
        let batch = 0;
        let views = 1_000_000;
        // Fresh franchises for every repetition, written outside the timed loop.
        const run = async () => {
          batch += 1;
          const franchises = Array.from(
            { length: Math.ceil(limits.maxOps / perFranchise) },
            (_, i) => `bench-cmd-${sync}-${size}-${batch}-${i}`,
          );
          for (const id of franchises) await writeFranchise(eventStoreOf(app), id, size, batch);
          settle(app);
          return measure((i) => {
            const franchiseId = franchises[i % franchises.length];
            // A new view count each time: a new claim, not a retry answered from the stream.
            const body = Object.assign(new RecordViewershipMilestoneDto(), {
              sourceId: BENCH_SOURCES[1],
              filmId: `${franchiseId}-1`,
              views: (views += 1),
              reachedOn: '2020-07',
              window: 'P28D',
            });
            return commandBus.execute(
              new RecordClaimCommand(CLAIM_KINDS.ViewershipMilestoneReached, franchiseId, body, {
                recordedBy: 'bench',
              }),
            );
          }, limits);
        };
        const { subject, baseline } = await compare(
          { label: `CommandBus, N=${size}, ${sync}`, run },
          { label: `bare store.append, ${sync}`, run: bareAppend },
        );
        results.push({
          scenario: '2. Command path',
          case: `record claim via CommandBus, N=${size}, sync=${sync}`,
          unit: 'ops/s',
          subject,
          baseline,
        });
      }
    } finally {
      await bare.close();
      await app.close();
      tmp.dispose();
    }
  }
  return results;
}
