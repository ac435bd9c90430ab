import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { DataSet } from '../dataset';
import { Sample, compare } from '../harness';
import { GoalRow, costRow } from '../report';
import { DIST, ROOT, serviceEnv } from '../fixtures';

/** The API as `npm start` runs it: tsc's output bundled into one file (`scripts/bundle.js`), here from dist-bench. */
const API = { entry: 'apps/api/src/main.js', outfile: 'api/main.js' };
const API_BASELINE = join(DIST, 'bench/minimal-http.js');
/** The command line as a user runs it, on the checkout's own build (`dist/`), compiled by it if need be. */
const CLI = join(ROOT, 'bin/franchise-timeline.js');
const CLI_BASELINE = join(DIST, 'bench/minimal-context.js');
const POLL_MS = 5;

/**
 * Start-up: the API as an operator starts it (`npm start`: the bundled API, its own process) on
 * the imported store, timed from spawn to the first 200 from /health, against the framework's
 * floor: a minimal NestJS application on Fastify with one route, timed the same way. Each start
 * also checks that no projection applied any event (caught up from its checkpoint, not a replay).
 */
export async function startupScenario(data: DataSet): Promise<GoalRow> {
  const { bundle } = require(join(ROOT, 'scripts/bundle.js')) as {
    bundle: (target: typeof API, root: string) => Promise<unknown>;
  };
  await bundle(API, DIST);
  const env = serviceEnv(data.file, 'normal');
  const replays: number[] = [];
  const pair = await compare(
    {
      label: 'API start to first 200',
      run: async () => {
        const { sample, health } = await firstAnswer(join(DIST, API.outfile), env);
        const projections = (health as { projections: { appliedSinceStart: number }[] }).projections;
        replays.push(projections.reduce((sum, p) => sum + p.appliedSinceStart, 0));
        return sample;
      },
    },
    { label: 'minimal NestJS + Fastify', run: async () => (await firstAnswer(API_BASELINE, {})).sample },
  );
  const replayed = Math.max(...replays);
  return costRow(
    {
      goal: 'Start-up',
      measured: `API on ${data.events.toLocaleString('en-US')} stored events, to first 200 from /health${replayed > 0 ? `, **${replayed} events replayed**` : ', no replay'}`,
      explanation:
        'the bundled API (`npm start`; bundled here from dist-bench) on the imported store, from spawn to the first 200 ' +
        'from `/health` (polled every 5 ms), against a minimal NestJS application on Fastify with one route, timed the ' +
        "same way; `/health`'s `appliedSinceStart` tells whether the start replayed anything.",
      target: { op: '≤', value: 1.5 },
    },
    pair,
    'mean',
  );
}

/**
 * The CLI answers at once: `bin/franchise-timeline.js state <franchise>` (its own process, as
 * `npx franchise-timeline` runs it) on the imported store, from spawn to exit, against a minimal
 * NestJS application context that opens the store and reads one row. The warm-up run compiles
 * the CLI if its sources changed since the last build; the timed runs must not.
 */
export async function cliScenario(data: DataSet): Promise<GoalRow> {
  const env = serviceEnv(data.file, 'normal');
  const pair = await compare(
    { label: 'CLI state', run: () => timeProcess([CLI, 'state', data.small[0]], env) },
    { label: 'minimal Nest context + one row', run: () => timeProcess([CLI_BASELINE, data.file]) },
  );
  return costRow(
    {
      goal: 'CLI answers at once',
      measured: `\`state\` of a ~100-event franchise, ${data.events.toLocaleString('en-US')} events stored, spawn to exit`,
      explanation:
        '`node bin/franchise-timeline.js state <franchise>` (the bundled CLI; nothing to compile) on the imported store, from spawn to ' +
        'exit, against a Node process creating a minimal NestJS application context whose one provider opens the ' +
        'store with better-sqlite3 and reads one row.',
      target: { op: '≤', value: 1.5 },
    },
    pair,
    'mean',
  );
}

async function timeProcess(args: string[], env?: Record<string, string>): Promise<Sample> {
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'inherit'],
    ...(env ? { env: { ...process.env, ...env } } : {}),
  });
  const [code] = (await once(child, 'exit')) as [number];
  if (code !== 0) throw new Error(`${args.join(' ')} exited with ${code}`);
  return sampleSince(t0);
}

/** Spawns `main` on a free port and times it to its first 200 from /health, whose answer comes back too. */
async function firstAnswer(main: string, env: Record<string, string>): Promise<{ sample: Sample; health: unknown }> {
  const port = await freePort();
  const t0 = process.hrtime.bigint();
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const health = await firstOk(`http://127.0.0.1:${port}/health`, child);
    return { sample: sampleSince(t0), health };
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'exit');
  }
}

async function firstOk(url: string, child: ChildProcess): Promise<unknown> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode} before serving`);
    try {
      const answer = await fetch(url);
      if (answer.status === 200) return answer.json();
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

const sampleSince = (t0: bigint): Sample => {
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { ops: 1, seconds, opsPerSec: 1 / seconds };
};

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}
