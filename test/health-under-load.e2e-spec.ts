import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../apps/cli/src/main';
import { RunningApp, client, startApp } from './support/test-app';

const CLAIMS = 3000;
const READERS = 16;
const PROBES = 15;

/**
 * Heavy reads never starve the health endpoints: a probe sent while many expensive reads are
 * queued is answered after at most a couple of them, not after all. Counted in reads, not in time.
 */
describe('health while heavy reads run', () => {
  let running: RunningApp;
  const http = client(() => running);

  beforeAll(async () => {
    // One read a turn, so that what overtakes a probe is counted in reads, whatever a read costs here.
    running = await startApp({ seed: false, env: { READ_TURN_MS: '0' } });
    const lines = [
      { command: 'register-source', id: 'load-source', name: 'Load', publishedOn: '2020-08' },
      { command: 'create-franchise', id: 'heavy', title: 'Heavy' },
      ...Array.from({ length: 50 }, (_, n) => ({
        command: 'record-greenlight',
        franchiseId: 'heavy',
        filmId: `heavy-${n}`,
        greenlitOn: '2019',
        sourceId: 'load-source',
      })),
      ...Array.from({ length: CLAIMS }, (_, n) => ({
        command: 'record-viewership-milestone',
        franchiseId: 'heavy',
        filmId: `heavy-${n % 50}`,
        views: 1_000_000 + n,
        reachedOn: '2020-07',
        sourceId: 'load-source',
      })),
    ];
    const file = join(running.dir, 'heavy.ndjson');
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n'));
    const [stdout, stderr] = [new PassThrough().resume(), new PassThrough().resume()];
    const env = { TIMELINE_DB: running.config.eventStore.kind === 'sqlite' ? running.config.eventStore.file : '' };
    expect(await runCli(['import', file], { stdin: Readable.from([]), stdout, stderr }, env)).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }, 120_000);
  afterAll(() => running.dispose());

  it.each(['/health/live', '/health/ready', '/health'])(
    'answers %s after at most a few of the heavy reads queued before it',
    async (probe) => {
      let completed = 0;
      let stop = false;
      const reader = async () => {
        while (!stop) {
          // A date of its own each time: the response cache answers none of them.
          const asOf = new Date(Date.UTC(2020, 6, 1) + completed * 3_600_000 + Math.random() * 3e10).toISOString();
          const answer = await http.get(`/franchises/heavy/claims?limit=200&asOf=${asOf.slice(0, 10)}`);
          expect(answer.status).toBe(200);
          completed++;
        }
      };
      const readers = Array.from({ length: READERS }, reader);
      const overtaken: number[] = [];
      try {
        // Measured once every reader has had an answer: the first reads also compile their statements.
        while (completed < READERS) await new Promise((resolve) => setTimeout(resolve, 20));
        expect((await http.get(probe)).status).toBe(200);
        for (let i = 0; i < PROBES; i++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const before = completed;
          expect((await http.get(probe)).status).toBe(200);
          overtaken.push(completed - before);
        }
      } finally {
        stop = true;
        await Promise.all(readers);
      }
      expect(Math.max(...overtaken)).toBeLessThanOrEqual(3);
    },
    60_000,
  );
});
