import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect } from '../collect';
import { BackupRefusedError } from '../store-backup.port';
import { backupSqliteStore, restoreSqliteStore } from './sqlite-backup';
import { SqliteEventStore } from './sqlite-event-store';

const event = (n: number) => ({ id: `e-${n}`, type: 'Counted', data: { n }, metadata: {} });

describe('SQLite backup and restore', () => {
  let dir: string;
  let file: string;
  let backup: string;
  const opened: SqliteEventStore[] = [];
  const open = (at = file) => {
    const store = new SqliteEventStore({ file: at });
    opened.push(store);
    return store;
  };
  const closeAll = async () => {
    for (const store of opened.splice(0)) await store.close();
  };
  /** A store of `count` events, closed. */
  const storeOf = async (count: number, at = file) => {
    const store = open(at);
    for (let n = 0; n < count; n++) await store.append('counter', [event(n)], 'any');
    await store.close();
  };
  const ids = async (at: string) => {
    const store = open(at);
    const events = (await collect(store.readAll())).map((e) => e.id);
    await store.close();
    return events;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sqlite-backup-'));
    file = join(dir, 'timeline.db');
    backup = join(dir, 'backup.db');
  });
  afterEach(async () => {
    await closeAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the store while it is being appended to: a prefix of its log, in one file with nothing beside it', async () => {
    const store = open();
    let written = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) await store.append('counter', [event(written++)], 'any');
    })();
    while (written < 50) await new Promise((done) => setImmediate(done));

    const before = written;
    const summary = await backupSqliteStore(file, backup, { force: false });
    const after = written;
    writing = false;
    await writer;

    const copied = await ids(backup);
    expect(after).toBeGreaterThan(before);
    expect(copied.length).toBeGreaterThanOrEqual(before - 1);
    expect(copied.length).toBeLessThanOrEqual(after);
    expect(copied).toEqual((await collect(store.readAll())).slice(0, copied.length).map((e) => e.id));
    expect(summary).toEqual({ store: file, events: copied.length, lastPosition: String(copied.length) });
    expect(readdirSync(dir).sort()).toEqual(['backup.db', 'timeline.db', 'timeline.db-shm', 'timeline.db-wal']);
  });

  it('refuses to replace an existing file unless forced', async () => {
    await storeOf(3);
    writeFileSync(backup, 'an older backup');

    await expect(backupSqliteStore(file, backup, { force: false })).rejects.toThrow(
      new BackupRefusedError(`${backup} already exists; add --force to replace it`),
    );
    expect(readFileSync(backup, 'utf8')).toBe('an older backup');

    await backupSqliteStore(file, backup, { force: true });
    expect(await ids(backup)).toEqual(['e-0', 'e-1', 'e-2']);
  });

  it('restores a backup under a new identity, leaving no WAL or temp file of the replaced store', async () => {
    await storeOf(2);
    await backupSqliteStore(file, backup, { force: false });
    const store = open();
    const identity = await store.identity();
    await store.append('counter', [event(2)], 'any');
    await store.close();

    const summary = await restoreSqliteStore(backup, file, { force: true });

    expect(summary).toEqual({ store: file, events: 2, lastPosition: '2' });
    expect(readdirSync(dir).sort()).toEqual(['backup.db', 'timeline.db']);
    const restored = open();
    expect((await collect(restored.readAll())).map((e) => e.id)).toEqual(['e-0', 'e-1']);
    expect(await restored.identity()).not.toBe(identity);
  });

  it('refuses to restore into a store another connection has open, which keeps its log', async () => {
    await storeOf(1, backup);
    await storeOf(3);
    const server = open();

    await expect(restoreSqliteStore(backup, file, { force: true })).rejects.toThrow(
      new BackupRefusedError(`${file} is in use (a server or another command has it open); stop it first`),
    );
    expect(await collect(server.readAll())).toHaveLength(3);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it.each([
    ['is no database', () => writeFileSync(backup, 'not a database'), 'file is not a database'],
    [
      'has another schema',
      () => new Database(backup).exec('CREATE TABLE notes (text)').close(),
      'it has no events table',
    ],
  ])('refuses a file that %s, and changes nothing', async (_, make, reason) => {
    await storeOf(3);
    make();
    const store = readFileSync(file);

    await expect(restoreSqliteStore(backup, file, { force: true })).rejects.toThrow(
      `${backup} is not an event store backup: ${reason}`,
    );
    expect(readFileSync(file).equals(store)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['backup.db', 'timeline.db']);
  });

  it('restores over a store file that is no database any more', async () => {
    await storeOf(2, backup);
    writeFileSync(file, 'damaged beyond repair');

    await restoreSqliteStore(backup, file, { force: true });

    expect(await ids(file)).toEqual(['e-0', 'e-1']);
  });
});
