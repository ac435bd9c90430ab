import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { DataSet } from '../dataset';
import { DIST } from '../fixtures';
import { Sample, compare } from '../harness';
import { PostTarget } from '../http-load';
import { GoalRow, costRow } from '../report';
import { withWritingApi } from './writing-api';

const LISTENERS = 500;
const SECONDS = 1;
const CLIENT = join(DIST, 'bench/sse-listeners.js');

/**
 * Live listeners: one writer posting claims over HTTP to a franchise of ~100 events, one at a
 * time, while 500 Server-Sent Events streams listen to that franchise (opened by a process of
 * their own), against the same writes with none listening; p50 per request.
 */
export async function listenersScenario(data: DataSet): Promise<GoalRow> {
  return withWritingApi(data, 'normal', 'bench-listened', async ({ origin, key, load }) => {
    const franchiseId = data.small[0];
    const posts: PostTarget = {
      requests: [
        {
          path: `/franchises/${franchiseId}/viewership-milestones`,
          body: { filmId: `${franchiseId}-1`, reachedOn: '2025-06', sourceId: data.latestSource },
        },
      ],
      counter: 'views',
      from: 900_000_000,
      key,
    };
    const writes = () => load.run({ origin, connections: 1, seconds: SECONDS, posts });
    const pair = await compare(
      {
        label: `${LISTENERS} listeners`,
        run: () => listening(`${origin}/franchises/${franchiseId}/timeline/stream`, writes),
      },
      { label: 'no listener', run: writes },
    );
    return costRow(
      {
        goal: 'Live listeners',
        measured: `POST a claim to a ~100-event franchise, ${LISTENERS} SSE listeners on it vs none`,
        explanation:
          `new viewership claims posted one at a time (autocannon, 1 connection, ${SECONDS} s rounds) to a franchise ` +
          `that ${LISTENERS} Server-Sent Events streams listen to, opened by a process of their own, against the same ` +
          'writes with no listener; p50 per request.',
        target: { op: '≤', value: 1.5 },
      },
      pair,
      'p50',
    );
  });
}

/** Runs `writes` while the listeners are open on `url`, and closes them after. */
async function listening(url: string, writes: () => Promise<Sample>): Promise<Sample> {
  const child = spawn(process.execPath, [CLIENT, url, String(LISTENERS)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const lines = createInterface({ input: child.stdout! });
    const [line] = (await Promise.race([once(lines, 'line'), once(child, 'exit')])) as [string | number];
    if (line !== 'ready') throw new Error(`the listeners did not start (exit ${line})`);
    return await writes();
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}
