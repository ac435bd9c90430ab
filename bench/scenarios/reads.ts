import { EdtfDate } from '@app/domain';
import { READ_MODEL_DATABASE } from '@app/projections';
import { GetFranchiseStateQuery, GetTimelineQuery } from '@app/queries';
import { QueryBus } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { Limits, Result, compare, measure } from '../harness';
import {
  benchConfig,
  eventStoreOf,
  registerSources,
  settle,
  startTimeline,
  tempDir,
  writeFranchise,
} from '../fixtures';

const AS_OF = '2023-01-01';
const BIG = 'bench-big';
const BIG_CLAIMS = 2000;

const LIMITS: Record<string, Limits> = {
  'balle-perdue': { maxOps: 3000, maxMs: 300 },
  [BIG]: { maxOps: 300, maxMs: 500 },
};

/**
 * The rows each answer is made of (claims and their sources), in one SELECT kept in step with the
 * read models by hand, prepared
 * once and returned as they come: what SQLite alone costs for the answer.
 */
const BASELINE_SQL = {
  state: `SELECT c.record, c.sequence, s.published_on
            FROM state_claims c JOIN sources s ON s.id = c.source_id
           WHERE c.franchise_id = @franchiseId AND (@asOf IS NULL OR c.occurred_latest <= @asOf) AND (@knownAt IS NULL OR s.published_latest <= @knownAt)
           ORDER BY c.sequence`,
  timeline: `SELECT c.* FROM timeline_entries c JOIN sources s ON s.id = c.source_id
              WHERE c.franchise_id = @franchiseId AND (@asOf IS NULL OR c.occurred_latest <= @asOf) AND (@knownAt IS NULL OR s.published_latest <= @knownAt)
              ORDER BY c.occurred_latest, c.occurred_earliest, c.sequence`,
};

/**
 * Scenario 3: the state and timeline queries through the QueryBus, on the seeded franchise
 * (~20 claims) and on one with ~2000 claims. The state query folds and resolves every claim
 * on each request; the timeline only maps rows.
 */
export async function readsScenario(): Promise<Result[]> {
  const tmp = tempDir('reads');
  const app = await startTimeline(benchConfig(tmp.dir, 'normal'));
  try {
    const store = eventStoreOf(app);
    await registerSources(store);
    await writeFranchise(store, BIG, BIG_CLAIMS + 1, 7);
    settle(app);
    const queryBus = app.get(QueryBus);
    const db = app.get<Database.Database>(READ_MODEL_DATABASE);
    const statements = { state: db.prepare(BASELINE_SQL.state), timeline: db.prepare(BASELINE_SQL.timeline) };

    const results: Result[] = [];
    for (const franchiseId of ['balle-perdue', BIG]) {
      for (const kind of ['state', 'timeline'] as const) {
        const at = { asOf: AS_OF };
        const query = () =>
          kind === 'state' ? new GetFranchiseStateQuery(franchiseId, at) : new GetTimelineQuery(franchiseId, at);
        // Bound as the handlers bind it: a partial date counts from its last day.
        const params = { franchiseId, asOf: EdtfDate.parse(AS_OF).latest, knownAt: null };
        const rows = statements[kind].all(params).length;
        const { subject, baseline } = await compare(
          { label: `${kind} query`, run: () => measure(() => queryBus.execute(query()), LIMITS[franchiseId]) },
          {
            label: `bare SELECT (${rows} rows)`,
            run: () => measure(() => statements[kind].all(params), LIMITS[franchiseId]),
          },
        );
        const label = franchiseId === BIG ? `${BIG_CLAIMS} claims` : 'seed';
        results.push({
          scenario: '3. Reads',
          case: `${kind === 'state' ? 'GetFranchiseStateQuery' : 'GetTimelineQuery'}, ${label}, asOf=${AS_OF}`,
          unit: 'ops/s',
          subject,
          baseline,
        });
      }
    }
    return results;
  } finally {
    await app.close();
    tmp.dispose();
  }
}
