import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { promisify } from 'node:util';
import { runCli } from './main';

const ROOT = resolve(__dirname, '../../..');
const SEED_FILE = resolve(__dirname, '../../../data/seed.ndjson');
const SEED_LINES = readFileSync(SEED_FILE, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '').length;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process against the temp dir's database, with its output captured. */
async function cli(env: Record<string, string>, argv: string[], stdin = ''): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await runCli(argv, { stdin: Readable.from([stdin]), stdout, stderr }, env);
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

describe('cli', () => {
  let dir: string;
  let env: Record<string, string>;
  const run = (...argv: string[]) => cli(env, argv);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'timeline-cli-'));
    env = { TIMELINE_DB: join(dir, 'timeline.db'), SEED_FILE };
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  describe('seed', () => {
    it('records the fixture once and counts it as already recorded the second time', async () => {
      const first = await run('seed');
      expect(first).toMatchObject({ code: 0, stderr: '' });
      expect(first.stdout).toContain(`${SEED_LINES} created, 0 already recorded`);

      const second = await run('seed');
      expect(second.code).toBe(0);
      expect(second.stdout).toContain(`0 created, ${SEED_LINES} already recorded`);
    });

    it('then shows balle-perdue-2 scheduled as of 2023-01-01', async () => {
      await run('seed');

      const { code, stdout } = await run('state', 'balle-perdue', '--as-of', '2023-01-01');

      expect(code).toBe(0);
      const state = JSON.parse(stdout);
      expect(state).toMatchObject({ franchiseId: 'balle-perdue', asOf: '2023-01-01', knownAt: null });
      expect(state.films).toContainEqual(
        expect.objectContaining({ filmId: 'balle-perdue-2', status: 'scheduled', scheduledOn: '2022-11-10' }),
      );
    });
  });

  describe('state and timeline', () => {
    beforeEach(async () => {
      await run('seed');
    });

    it('prints the state as a table of films, then the conflicts, with --format text', async () => {
      const { code, stdout } = await run('state', 'balle-perdue', '--as-of', '2023-01-01', '--format', 'text');

      expect(code).toBe(0);
      expect(stdout).toMatch(/^balle-perdue \(as of 2023-01-01\)\n/);
      expect(stdout).toMatch(/^balle-perdue-2\s+Balle perdue 2\s+scheduled\s+-\s+2022-11-10\s+-$/m);
      expect(stdout).toMatch(/^balle-perdue-1\s+Balle perdue\s+released\s+2020-06-19\s+-\s+37,000,000$/m);
      expect(stdout).toMatch(/^conflicts:\n {2}balle-perdue-1 releasedOn: believed 2020-06-19;/m);
    });

    it('answers the timeline as JSON, keeping only what had happened by --as-of', async () => {
      const { code, stdout } = await run('timeline', 'balle-perdue', '--as-of', '2020-07-01');

      expect(code).toBe(0);
      const timeline = JSON.parse(stdout);
      expect(timeline).toMatchObject({ franchiseId: 'balle-perdue', asOf: '2020-07-01', knownAt: null });
      expect(timeline.entries.length).toBeGreaterThan(0);
      expect(timeline.entries.map((e: { occurredOn: string }) => e.occurredOn)).toContain('2020-06-19');
      expect(timeline.entries.every((e: { occurredOn: string }) => e.occurredOn <= '2020-07-01')).toBe(true);
    });

    it('prints the timeline one claim a line with --format text: date, summary, [source]', async () => {
      const { code, stdout } = await run(
        'timeline',
        'balle-perdue',
        '--as-of',
        '2020-07-01',
        '--known-at',
        '2020-07',
        '--format',
        'text',
      );

      expect(code).toBe(0);
      const [header, ...lines] = stdout.trimEnd().split('\n');
      expect(header).toBe('balle-perdue timeline (as of 2020-07-01, as known at 2020-07)');
      expect(lines).toContain('2020-06-19  Balle perdue released on Netflix  [article-002]');
      expect(lines.every((line) => /^\S+ +.+ {2}\[article-00[12]\]$/.test(line))).toBe(true);
    });

    it('refuses a bad --as-of as a usage error naming the option, before touching the store', async () => {
      const { code, stdout, stderr } = await run('state', 'balle-perdue', '--as-of', '2020-02-30');

      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^--as-of must be an EDTF date .*"2020-02-30"/);
    });

    it('answers an unknown franchise with one line and exit code 1', async () => {
      const { code, stderr } = await run('timeline', 'nope');

      expect(code).toBe(1);
      expect(stderr).toBe('franchise "nope" does not exist\n');
    });
  });

  describe('import', () => {
    const lines = [
      '{"command":"create-franchise","id":"la-casa","title":"La Casa"}',
      '{"command":"register-source","id":"article-100","name":"A review","publishedOn":"2021-05","language":"es"}',
      '{"command":"record-release","franchiseId":"la-casa","filmId":"la-casa-1","title":"La Casa","releasedOn":"2021-13-01","platform":"Netflix","sourceId":"article-100"}',
      '{"command":"create-franchise","id":"never-reached","title":"Never reached"}',
    ];

    it('stops at an invalid third line with "line 3", keeping lines 1 and 2 recorded', async () => {
      const file = join(dir, 'bad.ndjson');
      writeFileSync(file, `${lines.join('\n')}\n`);

      const result = await run('import', file);

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^line 3: releasedOn: /);
      expect(result.stderr).toContain('before it, 2 lines read: 2 created, 0 already recorded');
      const events = jsonLines((await run('export')).stdout);
      // Lines on unrelated streams run alongside: their order in the log need not be the file's.
      expect(events.map((e) => e.type).sort()).toEqual(['FranchiseCreated', 'SourceRegistered']);
    });

    it('records nothing twice when the same file is imported again', async () => {
      const first = await run('import', SEED_FILE);
      const countAfterFirst = jsonLines((await run('export')).stdout).length;

      const second = await run('import', SEED_FILE);
      const countAfterSecond = jsonLines((await run('export')).stdout).length;

      expect(first.code).toBe(0);
      expect(first.stdout).toContain(`${SEED_LINES} created, 0 already recorded`);
      expect(second.code).toBe(0);
      expect(second.stdout).toContain(`0 created, ${SEED_LINES} already recorded`);
      expect(countAfterSecond).toBe(countAfterFirst);
      expect(countAfterSecond).toBe(SEED_LINES);
    });

    it('resumes after an interruption: the lines already recorded count as such, the rest are recorded', async () => {
      const seed = readFileSync(SEED_FILE, 'utf8').trimEnd().split('\n');
      const partial = join(dir, 'partial.ndjson');
      writeFileSync(partial, `${seed.slice(0, 10).join('\n')}\n`);
      await run('import', partial);

      const { code, stdout } = await run('import', SEED_FILE);

      expect(code).toBe(0);
      expect(stdout).toContain(`${SEED_LINES - 10} created, 10 already recorded`);
      expect(jsonLines((await run('export')).stdout)).toHaveLength(SEED_LINES);
    });

    it('reads stdin for "-"', async () => {
      const { code, stdout } = await cli(env, ['import', '-'], `${lines.slice(0, 2).join('\n')}\n`);

      expect(code).toBe(0);
      expect(stdout).toBe('imported stdin: 2 lines read: 2 created, 0 already recorded\n');
    });

    it('reports progress on stderr every 100 lines', async () => {
      const many = Array.from(
        { length: 250 },
        (_, i) => `{"command":"create-franchise","id":"franchise-${i}","title":"F ${i}"}`,
      );

      const { code, stderr, stdout } = await cli(env, ['import', '-'], many.join('\n'));

      expect(code).toBe(0);
      expect(stderr).toBe(
        'stdin: 100 lines read: 100 created, 0 already recorded\nstdin: 200 lines read: 200 created, 0 already recorded\n',
      );
      expect(stdout).toBe('imported stdin: 250 lines read: 250 created, 0 already recorded\n');
    });

    it('says which file is missing, on one line', async () => {
      const { code, stderr } = await run('import', join(dir, 'missing.ndjson'));

      expect(code).toBe(1);
      expect(stderr).toMatch(/^ENOENT: no such file or directory, open '.*missing\.ndjson'\n$/);
    });
  });

  describe('keys', () => {
    it('issues a key, printed once as the last word, and lists it without any secret', async () => {
      const created = await run('keys', 'create', 'newsroom', '--scopes', 'write,admin');

      expect(created.code).toBe(0);
      const key = created.stdout.trim().split(/\s+/).at(-1)!;
      expect(key).toMatch(/^tlk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      const listed = await run('keys', 'list');
      expect(JSON.parse(listed.stdout)).toEqual([
        { keyId: key.split('_')[1], principal: 'newsroom', scopes: ['write', 'admin'], issuedAt: expect.any(String) },
      ]);
      expect(listed.stdout).not.toContain(key.slice(22));
    });

    it('revokes every key of a principal, and says so when they already are', async () => {
      const keyIds = [];
      for (const scopes of ['write', 'admin']) {
        const token = (await run('keys', 'create', 'newsroom', '--scopes', scopes)).stdout.trim().split(/\s+/).at(-1)!;
        keyIds.push(token.split('_')[1]);
      }

      expect((await run('keys', 'revoke', 'newsroom')).stdout).toBe(
        `revoked key ${keyIds[0]} of newsroom (write)\nrevoked key ${keyIds[1]} of newsroom (admin)\n`,
      );
      expect((await run('keys', 'revoke', 'newsroom')).stdout).toBe('already revoked: newsroom\n');
      const listed = JSON.parse((await run('keys', 'list')).stdout);
      expect(listed.map((k: { revokedAt?: string }) => k.revokedAt)).toEqual([expect.any(String), expect.any(String)]);
    });

    it.each([
      [['keys', 'create', 'newsroom'], /--scopes must list/],
      [['keys', 'create', 'newsroom', '--scopes', 'write,root'], /--scopes must list/],
      [['keys', 'create'], /missing <principal>/],
      [['keys', 'rotate'], /expected create, list or revoke/],
    ])('refuses %j as a usage error', async (argv, message) => {
      const { code, stderr } = await run(...argv);

      expect(code).toBe(2);
      expect(stderr).toMatch(message);
    });

    it('refuses a principal a key cannot have, and revoking a name no key has', async () => {
      const system = await run('keys', 'create', 'system:seed', '--scopes', 'write');
      const unknown = await run('keys', 'revoke', 'nobody');

      expect(system.code).toBe(1);
      expect(system.stderr).toContain('principal must be');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no key has the id or principal "nobody"');
    });

    it('leaves the keyring out of the export', async () => {
      await run('seed');
      await run('keys', 'create', 'newsroom', '--scopes', 'write');

      const events = jsonLines((await run('export')).stdout);

      expect(events).toHaveLength(SEED_LINES);
      expect(events.some((e) => e.type.startsWith('ApiKey'))).toBe(false);
    });
  });

  describe('export', () => {
    it('emits one parseable JSON line per stored event, in log order', async () => {
      await run('seed');

      const { code, stdout, stderr } = await run('export');

      expect(code).toBe(0);
      const events = jsonLines(stdout);
      expect(events).toHaveLength(SEED_LINES);
      for (const event of events) {
        expect(Object.keys(event)).toEqual(['id', 'type', 'streamId', 'revision', 'position', 'data', 'metadata']);
      }
      const positions = events.map((e) => Number(e.position));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(stderr).toBe(`exported ${SEED_LINES} events\n`);
    });

    it('writes to --output instead of stdout', async () => {
      await run('seed');
      const output = join(dir, 'events.ndjson');

      const { code, stdout } = await run('export', '--output', output);

      expect(code).toBe(0);
      expect(stdout).toBe('');
      expect(jsonLines(readFileSync(output, 'utf8'))).toHaveLength(SEED_LINES);
    });

    it('gives each exported event its own id', async () => {
      await run('seed');
      const exported = jsonLines((await run('export')).stdout);

      expect(new Set(exported.map((e) => e.id)).size).toBe(exported.length);
    });
  });

  describe('usage', () => {
    it('prints the usage text on stdout for help, exit code 0', async () => {
      const { code, stdout } = await run('help');

      expect(code).toBe(0);
      expect(stdout).toMatch(/^Franchise timeline/);
      expect(stdout).toContain('import <file>');
    });

    it('prints the usage text on stderr for an unknown command, exit code 2', async () => {
      const { code, stdout, stderr } = await run('frobnicate');

      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^unknown command "frobnicate"\n\nFranchise timeline/);
    });

    it('refuses a bad configuration on one line, exit code 2', async () => {
      const { code, stderr } = await cli({ ...env, SQLITE_SYNCHRONOUS: 'off' }, ['seed']);

      expect(code).toBe(2);
      expect(stderr).toMatch(/^invalid configuration: SQLITE_SYNCHRONOUS="off": [^\n]*\n$/);
    });
  });

  describe('built, through bin/franchise-timeline.js', () => {
    const BIN = join(ROOT, 'bin/franchise-timeline.js');
    const PAGE = join(ROOT, 'dist/web');
    const exec = promisify(execFile);
    const options = () => ({
      cwd: ROOT,
      env: { PATH: process.env.PATH, TIMELINE_DB: env.TIMELINE_DB, SEED_FILE },
      timeout: 30_000,
    });

    /** Compiles once here if the sources changed since the last build, so the tests below time nothing of it. */
    beforeAll(async () => {
      await exec('node', [BIN, 'help'], { cwd: ROOT, timeout: 120_000 });
    }, 120_000);

    it('answers without compiling when nothing changed, and never touches the page a running API serves', async () => {
      const pageBefore = existsSync(PAGE) ? statSync(PAGE).mtimeMs : undefined;

      const { stdout, stderr } = await exec('node', [BIN, 'help'], options());

      expect(stdout).toMatch(/^Franchise timeline/);
      expect(stderr).toBe('');
      expect(existsSync(PAGE) ? statSync(PAGE).mtimeMs : undefined).toBe(pageBefore);
    });

    it('runs as its own process and ends: seed, then the timeline as of 2020-07-01', async () => {
      await exec('node', [BIN, 'seed'], options());
      const { stdout } = await exec('node', [BIN, 'timeline', 'balle-perdue', '--as-of', '2020-07-01'], options());

      const timeline = JSON.parse(stdout);
      expect(timeline.franchiseId).toBe('balle-perdue');
      expect(timeline.entries.map((e: { occurredOn: string }) => e.occurredOn)).toContain('2020-06-19');
    }, 60_000);
  });
});
