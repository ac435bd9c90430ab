import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../apps/cli/src/main';
import { RunningApp, SEED_FILE, client, startApp } from './support/test-app';

/** The ids of a store file's events, in log order. */
const loggedIds = (file: string): string[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], string>('SELECT event_id FROM events ORDER BY position').pluck().all();
  } finally {
    db.close();
  }
};

/** The franchise ids a store file's log created, sorted. */
const franchisesIn = (file: string): string[] => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], string>("SELECT DISTINCT substr(stream_id, 11) FROM events WHERE stream_id LIKE 'franchise-%'")
      .pluck()
      .all()
      .sort();
  } finally {
    db.close();
  }
};

/**
 * `cli backup` while the API serves and a writer keeps writing, `cli restore` once it is stopped:
 * the API started again answers as at the backup, from read models the restore rebuilt.
 */
describe.each([
  ['the store file', false],
  // Refusing to start on read models that do not match: the restore must have rebuilt them.
  ['a file of their own (READ_MODEL_DB), refused on a mismatch', true],
])('cli backup and restore, read models in %s', (_, ownFile) => {
  let dir: string;
  let env: Record<string, string>;
  let backupFile: string;
  let running: RunningApp | undefined;
  let key: string | undefined;
  const http = client(() => running!);
  const storeFile = () => join(dir, 'timeline.db');
  const cli = async (...argv: string[]) => {
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    const [out, err]: Buffer[][] = [[], []];
    stdout.on('data', (chunk: Buffer) => out.push(chunk));
    stderr.on('data', (chunk: Buffer) => err.push(chunk));
    const code = await runCli(argv, { stdin: Readable.from([]), stdout, stderr }, env);
    return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
  };
  const start = async () => {
    running = await startApp({ dir, env, key });
    key = running.key;
  };
  const stop = async () => {
    await running?.stop();
    running = undefined;
  };
  /** What the API answers of the seeded franchise, which the busy writer leaves alone. */
  const ballePerdue = async () =>
    Promise.all(
      ['', '/state', '/timeline', '/claims', '/events'].map(
        async (path) => (await http.get(`/franchises/balle-perdue${path}`)).body,
      ),
    );

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'timeline-backup-'));
    env = {
      TIMELINE_DB: storeFile(),
      SEED_FILE,
      ...(ownFile ? { READ_MODEL_DB: join(dir, 'read-models.db'), READ_MODELS_ON_MISMATCH: 'refuse' } : {}),
    };
    backupFile = join(dir, 'backup.db');
    key = undefined;
    await start();
  });
  afterEach(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while writes go on, and restored, answers as at the backup: later writes gone, verify passing', async () => {
    let writing = true;
    const acknowledged: string[] = [];
    const writer = async (lane: number) => {
      for (let n = 0; writing; n++) {
        const id = `busy-${lane}-${n}`;
        const answer = await http.post('/franchises', { id, title: `Busy ${lane} ${n}` });
        expect(answer.status).toBe(201);
        acknowledged.push(id);
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 20) await new Promise((done) => setTimeout(done, 5));

    const before = [...acknowledged];
    const backedUp = await cli('backup', backupFile);
    writing = false;
    await Promise.all(writers);

    expect(backedUp).toMatchObject({ code: 0, stderr: '' });
    const inBackup = loggedIds(backupFile);
    expect(backedUp.stdout).toBe(
      `backed up ${inBackup.length} events (last position ${inBackup.length}) from ${storeFile()} to ${backupFile}\n`,
    );
    expect(loggedIds(storeFile()).slice(0, inBackup.length)).toEqual(inBackup);
    const backedUpFranchises = franchisesIn(backupFile);
    expect(backedUpFranchises).toEqual(expect.arrayContaining(before));
    const atBackup = await ballePerdue();

    const later = await http.post('/franchises/balle-perdue/sequel-announcements', {
      filmId: 'balle-perdue-4',
      title: 'Balle perdue 4',
      announcedOn: '2022',
      sourceId: 'article-004',
    });
    expect(later.status).toBe(201);
    expect((await http.post('/franchises', { id: 'after-backup', title: 'After the backup' })).status).toBe(201);
    await stop();

    const restored = await cli('restore', '--force', backupFile);

    expect(restored).toMatchObject({ code: 0, stderr: '' });
    expect(restored.stdout).toBe(
      `restored ${inBackup.length} events (last position ${inBackup.length}) from ${backupFile} into ${storeFile()}\n` +
        `read models rebuilt from ${inBackup.length} events in ${env.READ_MODEL_DB ?? storeFile()}\n`,
    );
    await start();
    expect((await http.get('/health')).body).toMatchObject({ readModels: 'resumed' });
    expect((await http.all('/franchises?limit=1000', 'franchises')).map((f) => f.id).sort()).toEqual(
      backedUpFranchises,
    );
    expect((await http.get('/franchises/after-backup')).status).toBe(404);
    expect(await ballePerdue()).toEqual(atBackup);
    await stop();
    expect(await cli('verify')).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^verified \d+ events: the log/),
    });
  });

  it('refuses to restore while the server has the store open, and the server goes on with its log', async () => {
    expect((await cli('backup', backupFile)).code).toBe(0);
    expect((await http.post('/franchises', { id: 'after-backup', title: 'After the backup' })).status).toBe(201);

    const refused = await cli('restore', '--force', backupFile);

    expect(refused).toEqual({
      code: 1,
      stdout: '',
      stderr: `${storeFile()} is in use (a server or another command has it open); stop it first\n`,
    });
    expect((await http.get('/franchises/after-backup')).status).toBe(200);
    expect((await http.post('/franchises', { id: 'after-refusal', title: 'After the refusal' })).status).toBe(201);
  });

  it('refuses to replace an existing store or backup without --force, changing neither', async () => {
    expect((await cli('backup', backupFile)).code).toBe(0);
    await stop();
    const [store, backup] = [readFileSync(storeFile()), readFileSync(backupFile)];

    expect(await cli('backup', backupFile)).toEqual({
      code: 1,
      stdout: '',
      stderr: `${backupFile} already exists; add --force to replace it\n`,
    });
    expect(await cli('restore', backupFile)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^\S+timeline\.db already holds an event store; add --force to replace it.*\n$/),
    });
    expect(readFileSync(storeFile()).equals(store) && readFileSync(backupFile).equals(backup)).toBe(true);
  });

  it.each([
    ['is not an SQLite database', (file: string) => writeFileSync(file, 'events,not,here\n'), 'file is not a database'],
    [
      'is a database of another schema',
      (file: string) =>
        new Database(file).exec('CREATE TABLE events (position INTEGER PRIMARY KEY, body TEXT)').close(),
      'its events table lacks event_id, stream_id, revision, type, data, metadata',
    ],
  ])('refuses a file that %s in one line, exit code 1, changing nothing', async (_, make, reason) => {
    await stop();
    const bad = join(dir, 'bad.db');
    make(bad);
    const [store, files] = [readFileSync(storeFile()), readdirSync(dir).sort()];

    const refused = await cli('restore', '--force', bad);

    expect(refused).toEqual({ code: 1, stdout: '', stderr: `${bad} is not an event store backup: ${reason}\n` });
    expect(readFileSync(storeFile()).equals(store)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(files);
  });
});

describe('cli restore, for read models it did not rebuild', () => {
  let dir: string;
  let running: RunningApp | undefined;
  const http = client(() => running!);
  afterEach(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds them at their start, even once the restored log has grown past their checkpoint', async () => {
    dir = mkdtempSync(join(tmpdir(), 'timeline-backup-'));
    const env = { TIMELINE_DB: join(dir, 'timeline.db'), SEED_FILE };
    const [ours, theirs] = [{ READ_MODEL_DB: join(dir, 'ours.db') }, { READ_MODEL_DB: join(dir, 'theirs.db') }];
    const backupFile = join(dir, 'backup.db');
    const io = { stdin: Readable.from([]), stdout: new PassThrough().resume(), stderr: new PassThrough().resume() };
    running = await startApp({ dir, env: { ...env, ...theirs } });
    const key = running.key;
    expect(await runCli(['backup', backupFile], io, env)).toBe(0);
    expect((await http.post('/franchises', { id: 'after-backup', title: 'After the backup' })).status).toBe(201);
    await running.stop();
    expect(await runCli(['restore', '--force', backupFile], io, { ...env, ...ours })).toBe(0);
    // Events in place of those the restore dropped, and more: the log now ends past their checkpoint.
    running = await startApp({ dir, env: { ...env, ...ours }, key });
    for (const id of ['new-1', 'new-2', 'new-3']) {
      expect((await http.post('/franchises', { id, title: id })).status).toBe(201);
    }
    await running.stop();

    running = await startApp({ dir, env: { ...env, ...theirs }, key });

    expect((await http.get('/health')).body).toMatchObject({
      readModels: 'rebuilt',
      reason: expect.stringMatching(/another event store/),
    });
    expect((await http.get('/franchises/after-backup')).status).toBe(404);
    expect((await http.get('/franchises/new-3')).status).toBe(200);
  });
});

describe('cli backup and restore on EventStoreDB', () => {
  it.each(['backup', 'restore'])(
    '%s says in one line that backups are the cluster’s own, exit code 2',
    async (command) => {
      const dir = mkdtempSync(join(tmpdir(), 'timeline-backup-'));
      const [stdout, stderr] = [new PassThrough(), new PassThrough()];
      const err: Buffer[] = [];
      stderr.on('data', (chunk: Buffer) => err.push(chunk));
      try {
        const code = await runCli(
          [command, join(dir, 'backup.db')],
          { stdin: Readable.from([]), stdout, stderr },
          {
            EVENT_STORE: 'eventstoredb',
            EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:1?tls=false',
            READ_MODEL_DB: join(dir, 'read-models.db'),
          },
        );

        expect(code).toBe(2);
        expect(Buffer.concat(err).toString()).toMatch(
          /^the event log is in EventStoreDB, whose backups are the cluster's own: [^\n]+\n$/,
        );
        expect(readdirSync(dir)).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
