import { DataSet } from '../dataset';
import { compare } from '../harness';
import { PostTarget } from '../http-load';
import { GoalRow, rateRow } from '../report';
import { withWritingApi } from './writing-api';

const WRITERS = 32;
const SECONDS = 1;

/**
 * Group commit: claims posted over HTTP at FULL by 32 concurrent writers against one writer,
 * to the same API, each request a new viewership claim on one of 32 franchises of ~100 events
 * (so concurrent writers mostly hit different streams), driven by autocannon.
 */
export async function groupCommitScenario(data: DataSet): Promise<GoalRow> {
  return withWritingApi(data, 'full', 'bench-writer', async ({ origin, key, load }) => {
    const posts: PostTarget = {
      requests: data.small.slice(0, WRITERS).map((franchiseId) => ({
        path: `/franchises/${franchiseId}/viewership-milestones`,
        body: { filmId: `${franchiseId}-1`, reachedOn: '2025-06', sourceId: data.latestSource },
      })),
      counter: 'views',
      from: 800_000_000,
      key,
    };
    const round = (connections: number) => () => load.run({ origin, connections, seconds: SECONDS, posts });
    const pair = await compare(
      { label: `${WRITERS} writers`, run: round(WRITERS) },
      { label: '1 writer', run: round(1) },
    );
    return rateRow(
      {
        goal: 'Group commit',
        measured: `POST claims over HTTP, sync=full, ${WRITERS} concurrent writers vs 1`,
        explanation:
          `new viewership claims posted to the API at \`synchronous=FULL\` by autocannon with ${WRITERS} connections against ` +
          `1 connection, ${SECONDS} s rounds, spread over ${WRITERS} franchises of ~100 events; p99 is per request.`,
        target: { op: '≥', value: 3 },
      },
      'claims/s',
      pair,
    );
  });
}
