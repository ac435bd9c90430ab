import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BackupRefusedError, BackupSummary } from '../store-backup.port';

/** Pages per backup step: every page, in one step (see `copyBeside`). */
const ALL_PAGES = 0x7fffffff;

/** Columns of `SqliteEventStore`'s events table: what a backup must have to be restored. */
const EVENT_COLUMNS = ['position', 'event_id', 'stream_id', 'revision', 'type', 'data', 'metadata'];

/**
 * Copies the store file into `destination` with SQLite's online backup API, while other processes
 * may be writing to it: the copy is the database as one read transaction saw it, a prefix of the
 * log. It is the whole file, read models included when they share it (a restore rebuilds them).
 */
export async function backupSqliteStore(
  store: string,
  destination: string,
  options: { force: boolean },
): Promise<BackupSummary> {
  if (!existsSync(store)) throw new BackupRefusedError(`there is no event store at ${store}`);
  if (sameFile(store, destination)) throw new BackupRefusedError(`${destination} is the event store itself`);
  if (!options.force && existsSync(destination)) {
    throw new BackupRefusedError(`${destination} already exists; add --force to replace it`);
  }
  const source = new Database(store, { fileMustExist: true });
  try {
    const wrong = notAStore(source, false);
    if (wrong) throw new BackupRefusedError(`${store} is not an event store: ${wrong}`);
    mkdirSync(dirname(destination), { recursive: true });
    // Written beside the destination, then renamed: an interrupted backup never replaces a good one.
    return await copyInto(source, destination, store);
  } finally {
    source.close();
  }
}

/**
 * Replaces the store file with a backup, checked first (SQLite, intact, this store's schema). The
 * restored store gets a new identity: its log may differ from the replaced one at positions both
 * have (events recorded after the backup, then others in their place after a restore), so read
 * models bound to the old identity, in any file, rebuild instead of resuming.
 */
export async function restoreSqliteStore(
  backup: string,
  store: string,
  options: { force: boolean },
): Promise<BackupSummary> {
  if (!existsSync(backup)) throw new BackupRefusedError(`${backup}: no such file`);
  if (sameFile(backup, store)) throw new BackupRefusedError(`${backup} is the event store itself`);
  if (!options.force && existsSync(store)) {
    throw new BackupRefusedError(
      `${store} already holds an event store; add --force to replace it with the backup (what was recorded since is lost)`,
    );
  }
  const source = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const wrong = notAStore(source, true);
    if (wrong) throw new BackupRefusedError(`${backup} is not an event store backup: ${wrong}`);
    mkdirSync(dirname(store), { recursive: true });
    return await copyInto(source, store, store, {
      adjust: (copy) => copy.prepare('UPDATE store_identity SET id = ?').run(randomUUID()),
      beforeRename: () => retire(store),
    });
  } finally {
    source.close();
  }
}

/** Why `db` is not an event store, if it is not: not a database, damaged (when `integrity` is checked), another schema. */
function notAStore(db: Database.Database, integrity: boolean): string | undefined {
  try {
    if (integrity) {
      const check = db.pragma('integrity_check', { simple: true });
      if (check !== 'ok') return `it is damaged (${String(check)})`;
    }
    const columns = db.prepare<[], string>("SELECT name FROM pragma_table_info('events')").pluck().all();
    if (columns.length === 0) return 'it has no events table';
    const missing = EVENT_COLUMNS.filter((column) => !columns.includes(column));
    if (missing.length > 0) return `its events table lacks ${missing.join(', ')}`;
    const identity = db.prepare<[], number>("SELECT COUNT(*) FROM pragma_table_info('store_identity')").pluck().get();
    if (identity === 0) return 'it has no store_identity table';
    return undefined;
  } catch (error) {
    if (unreadable(error)) return (error as Error).message;
    throw error;
  }
}

/**
 * Copies `source` beside `target`, lets `adjust` change the copy, seals it (see `seal`) and renames
 * it over `target`, after `beforeRename`: all of it or, if any step fails, no new file.
 */
async function copyInto(
  source: Database.Database,
  target: string,
  store: string,
  options: { adjust?: (copy: Database.Database) => void; beforeRename?: () => void } = {},
): Promise<BackupSummary> {
  const temp = await copyBeside(source, target);
  try {
    const summary = seal(temp, store, options.adjust);
    options.beforeRename?.();
    renameSync(temp, target);
    syncToDisk(dirname(target));
    return summary;
  } catch (error) {
    removeDatabase(temp);
    throw error;
  }
}

/** A copy of `source` in a new file beside `target`, on the same file system so it can be renamed over it. */
async function copyBeside(source: Database.Database, target: string): Promise<string> {
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    // In one step: a copy made a few pages at a time starts again whenever another connection
    // writes, which a busy server may do faster than it finishes. In WAL mode the step's read holds no writer up.
    await source.backup(temp, { progress: () => ALL_PAGES });
    return temp;
  } catch (error) {
    removeDatabase(temp);
    throw error;
  }
}

/**
 * Lets `adjust` change the copy, makes it one file (out of WAL mode, which it has from the store)
 * and flushes it to disk; answers what it holds.
 */
function seal(file: string, store: string, adjust?: (copy: Database.Database) => void): BackupSummary {
  const copy = new Database(file, { fileMustExist: true });
  let summary: BackupSummary;
  try {
    copy.pragma('journal_mode = DELETE');
    adjust?.(copy);
    const { events, last } = copy
      .prepare<[], { events: number; last: number | null }>(
        'SELECT COUNT(*) AS events, MAX(position) AS last FROM events',
      )
      .get()!;
    summary = { store, events, lastPosition: last === null ? undefined : String(last) };
  } finally {
    copy.close();
  }
  syncToDisk(file);
  return summary;
}

/**
 * Makes sure no process has the store open, and leaves nothing beside its file for SQLite to apply
 * to the restored one. Leaving WAL mode needs every other connection closed (with no wait, it fails
 * at once otherwise), and it folds the WAL into the file and deletes it and the -shm.
 */
function retire(store: string): void {
  if (!existsSync(store)) return;
  const current = new Database(store, { fileMustExist: true, timeout: 0 });
  try {
    current.pragma('journal_mode = DELETE');
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_BUSY') {
      throw new BackupRefusedError(`${store} is in use (a server or another command has it open); stop it first`);
    }
    // A store that is no database any more (a reason to restore) has nothing to fold in.
    if (!unreadable(error)) throw error;
  } finally {
    current.close();
  }
  // A journal or WAL left by the replaced file would be replayed into the restored one.
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${store}${suffix}`, { force: true });
}

/**
 * The SQLite result code of an error better-sqlite3 threw. Duck-typed: its addon, loaded once per
 * process, throws the `SqliteError` of the first module registry that loaded it (another test file's, under Jest).
 */
function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** SQLite's answer for a file that is not a database, or a damaged one. */
function unreadable(error: unknown): boolean {
  return ['SQLITE_NOTADB', 'SQLITE_CORRUPT'].includes(sqliteCode(error) ?? '');
}

function removeDatabase(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

function sameFile(a: string, b: string): boolean {
  const real = (file: string) => (existsSync(file) ? realpathSync(file) : resolve(file));
  return real(a) === real(b);
}

/** A file's or a directory's contents to disk: a rename survives a power cut once its directory is synced. */
function syncToDisk(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
