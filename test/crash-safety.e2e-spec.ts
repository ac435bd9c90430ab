import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { runCli } from '../apps/cli/src/main';

const ROOT = resolve(__dirname, '..');
const MAIN = join(ROOT, 'dist/apps/cli/src/main.js');
const CLAIMS = 20_000;
const KILLS = 5;

/** Builds unless dist is at least as recent as every source the CLI runs. */
async function ensureBuilt(): Promise<void> {
  const newest = Math.max(
    ...['apps', 'libs'].flatMap((top) =>
      readdirSync(join(ROOT, top), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))
        .map((f) => statSync(join(ROOT, top, f)).mtimeMs),
    ),
  );
  if (existsSync(MAIN) && statSync(MAIN).mtimeMs >= newest) return;
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT });
}

/**
 * An import killed with SIGKILL at a random moment, again and again: the log must always be a
 * prefix of the file (one franchise, so the lines are recorded in file order), `verify` must
 * pass, and importing the file again must complete it with nothing recorded twice.
 */
describe('an import killed at any moment', () => {
  let dir: string;
  let env: Record<string, string>;
  const file = () => join(dir, 'claims.ndjson');
  const cli = async (...argv: string[]) => {
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    const out: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => out.push(chunk));
    stderr.resume();
    const code = await runCli(argv, { stdin: Readable.from([]), stdout, stderr }, env);
    return { code, stdout: Buffer.concat(out).toString() };
  };
  /** The views of every claim the log holds, in log order. */
  const recordedViews = async (): Promise<number[]> => {
    const lines = (await cli('export')).stdout.split('\n').filter((line) => line !== '');
    return lines
      .map((line) => JSON.parse(line))
      .filter((e) => e.type === 'ViewershipMilestoneReached')
      .map((e) => e.data.views);
  };

  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'timeline-crash-'));
    env = { TIMELINE_DB: join(dir, 'timeline.db'), SEED_ON_EMPTY: 'false', SQLITE_SYNCHRONOUS: 'normal' };
    const lines = [
      { command: 'register-source', id: 'crash-source', name: 'Crash test', publishedOn: '2020-08' },
      { command: 'create-franchise', id: 'crash', title: 'Crash' },
      {
        command: 'record-greenlight',
        franchiseId: 'crash',
        filmId: 'crash-1',
        greenlitOn: '2019',
        sourceId: 'crash-source',
      },
      ...Array.from({ length: CLAIMS }, (_, n) => ({
        command: 'record-viewership-milestone',
        franchiseId: 'crash',
        filmId: 'crash-1',
        views: 1_000_000 + n,
        reachedOn: '2020-07',
        sourceId: 'crash-source',
      })),
    ];
    writeFileSync(file(), lines.map((line) => JSON.stringify(line)).join('\n'));
  }, 180_000);
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it(`keeps a prefix of the file through ${KILLS} kills, passes verify each time, and completes with nothing twice`, async () => {
    let before = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const child: ChildProcess = spawn('node', [MAIN, 'import', file()], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, ...env },
        stdio: 'ignore',
      });
      const exited = new Promise((done) => child.once('exit', done));
      await new Promise((done) => setTimeout(done, 1_000 + Math.random() * 2_000));
      child.kill('SIGKILL');
      await exited;

      const views = await recordedViews();
      expect(views).toEqual(Array.from({ length: views.length }, (_, n) => 1_000_000 + n));
      expect(views.length).toBeGreaterThanOrEqual(before);
      before = views.length;
      const verified = await cli('verify');
      expect(verified).toMatchObject({ code: 0 });
    }
    expect(before).toBeLessThan(CLAIMS);

    expect((await cli('import', file())).code).toBe(0);

    const views = await recordedViews();
    expect(views).toEqual(Array.from({ length: CLAIMS }, (_, n) => 1_000_000 + n));
    expect((await cli('verify')).code).toBe(0);
  }, 600_000);
});

describe('starting on files it cannot open', () => {
  const API = join(ROOT, 'dist/apps/api/src/main.js');
  let dir: string;
  beforeAll(async () => {
    await ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'timeline-unopenable-'));
    writeFileSync(join(dir, 'notes.txt'), 'not a database, '.repeat(500));
  });
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  /**
   * A read-only bind mount of a directory holding a store: only root can make one, so this case
   * runs where the tests run as root (CI containers, this machine) and is skipped elsewhere.
   */
  const readOnly = (() => {
    const source = mkdtempSync(join(tmpdir(), 'timeline-ro-source-'));
    const target = mkdtempSync(join(tmpdir(), 'timeline-ro-'));
    try {
      execFileSync('mount', ['--bind', source, target], { stdio: 'ignore' });
      execFileSync('mount', ['-o', 'remount,ro,bind', target], { stdio: 'ignore' });
      return { source, target };
    } catch {
      return undefined;
    }
  })();
  afterAll(() => {
    if (!readOnly) return;
    execFileSync('umount', [readOnly.target]);
    for (const path of Object.values(readOnly)) rmSync(path, { recursive: true, force: true });
  });

  (readOnly ? it : it.skip)(
    'exits 1 with a one-line error naming the file, for a store on a read-only mount',
    async () => {
      const file = join(readOnly!.target, 'timeline.db');
      // A store made elsewhere, then seen through the read-only mount.
      expect((await start([MAIN, 'keys', 'list'], { TIMELINE_DB: join(readOnly!.source, 'timeline.db') })).code).toBe(
        0,
      );

      for (const argv of [[API], [MAIN, 'state', 'balle-perdue']]) {
        const { code, stderr } = await start(argv, { TIMELINE_DB: file });

        expect(code).toBe(1);
        expect(stderr.trimEnd().split('\n')).toEqual([
          expect.stringContaining(`cannot open the event store at ${file}`),
        ]);
      }
    },
    30_000,
  );

  const start = (argv: string[], env: Record<string, string>) =>
    new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = spawn('node', argv, {
        env: { ...process.env, PORT: '0', SEED_ON_EMPTY: 'false', ...env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code) => done({ code, stderr }));
    });

  it.each([
    ['an event store file that is not a database', () => ({ TIMELINE_DB: join(dir, 'notes.txt') }), 'event store'],
    [
      'an event store under a regular file',
      () => ({ TIMELINE_DB: join(dir, 'notes.txt', 'timeline.db') }),
      'event store',
    ],
    [
      'a read-model file that is not a database',
      () => ({ TIMELINE_DB: join(dir, 'fine.db'), READ_MODEL_DB: join(dir, 'notes.txt') }),
      'read models',
    ],
  ])(
    'exits 1 with a one-line error naming the file, API and CLI alike, for %s',
    async (_, env, what) => {
      for (const argv of [[API], [MAIN, 'state', 'balle-perdue']]) {
        const { code, stderr } = await start(argv, env());

        expect(code).toBe(1);
        const lines = stderr.trimEnd().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain(`cannot open the ${what} at ${join(dir, 'notes.txt')}`);
        expect(stderr).not.toMatch(/\n\s+at /);
      }
    },
    30_000,
  );
});
