import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../apps/cli/src/main';

const SEED_FILE = resolve(__dirname, '../data/seed.ndjson');

describe('cli verify', () => {
  let dir: string;
  let file: string;
  const cli = async (...argv: string[]) => {
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    const [out, err]: Buffer[][] = [[], []];
    stdout.on('data', (chunk: Buffer) => out.push(chunk));
    stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const code = await runCli(argv, { stdin: Readable.from([]), stdout, stderr }, { TIMELINE_DB: file, SEED_FILE });
    return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
  };
  /** Changes the file behind the service's back, as a bug or a hand-made fix would. */
  const tamper = (sql: string) => {
    const db = new Database(file);
    db.exec(sql);
    db.close();
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timeline-verify-e2e-'));
    file = join(dir, 'timeline.db');
    expect((await cli('seed')).code).toBe(0);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes a seeded store: the log is whole and every read model equals a rebuild', async () => {
    const { code, stdout } = await cli('verify');

    expect(code).toBe(0);
    expect(stdout).toMatch(/^verified \d+ events: the log is whole and every read model equals a rebuild\n$/);
  });

  it('names a read model that drifted from its log, and exits 1', async () => {
    tamper("UPDATE timeline_entries SET source_id = 'someone-else' WHERE rowid = 1");

    const { code, stderr } = await cli('verify');

    expect(code).toBe(1);
    expect(stderr).toContain('read model timeline: table timeline_entries holds');
  });

  it('names an event that cannot be read, and exits 1', async () => {
    tamper("UPDATE events SET metadata = json_set(metadata, '$.schemaVersion', 99) WHERE position = 3");

    const { code, stderr } = await cli('verify');

    expect(code).toBe(1);
    expect(stderr).toMatch(/event \S+ \(\w+\) in \S+ cannot be read: .*version 99/);
  });

  it('names a gap in a stream’s revisions, and exits 1', async () => {
    tamper("UPDATE events SET revision = 99 WHERE stream_id = 'franchise-tyler-rake' AND revision = 0");

    const { code, stderr } = await cli('verify');

    expect(code).toBe(1);
    expect(stderr).toMatch(/is revision 99 of franchise-tyler-rake, expected 0/);
  });
});
