import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export const READ_MODEL_DATABASE = Symbol('READ_MODEL_DATABASE');

/**
 * Pages the WAL may hold before a commit copies them into the database (SQLite's default is
 * 1,000, 4 MB). Read models and the event log share the file, and each checkpoint writes back
 * every page changed since the last one, with an fsync: at 1,000, a bulk import spent a third of
 * its time in them here; at 10,000 (40 MB of WAL at most) a page changed again and again between
 * two checkpoints is written back once. The event store sets the same, as either may run it.
 */
export const WAL_CHECKPOINT_PAGES = 10_000;

/**
 * The SQLite database that holds every read model and each projection's checkpoint.
 * A projection writes its rows and its checkpoint in one transaction, so after a crash
 * the two agree and the projection resumes where it stopped.
 * `synchronous = NORMAL`: a power cut may lose the last transactions, but read models are
 * rebuilt from the event log, which the checkpoint that rolled back with them replays.
 */
export function openReadModelDatabase(file: string): Database.Database {
  let db: Database.Database | undefined;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    setUp(db);
    return db;
  } catch (error) {
    db?.close();
    throw new ReadModelDatabaseError(`cannot open the read models at ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** The read-model file cannot be opened or written at start: the operator's to fix. */
export class ReadModelDatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReadModelDatabaseError';
  }
}

function setUp(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  db.exec(`
    CREATE TABLE IF NOT EXISTS projection_checkpoints (
      projection TEXT PRIMARY KEY,
      position   TEXT,
      applied    INTEGER NOT NULL DEFAULT 0,
      version    INTEGER NOT NULL DEFAULT 1
    );
  `);
  // The event store the read models follow (`ProjectionRunner`): another store's log is not theirs.
  db.exec('CREATE TABLE IF NOT EXISTS read_model_binding (store_id TEXT NOT NULL)');
  // Files written before projections had versions: theirs is 1.
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(projection_checkpoints)').all();
  if (!columns.some((c) => c.name === 'version')) {
    db.exec('ALTER TABLE projection_checkpoints ADD COLUMN version INTEGER NOT NULL DEFAULT 1');
  }
  // The id of the event at the checkpoint: files written before it was kept skip that check.
  if (!columns.some((c) => c.name === 'event_id'))
    db.exec('ALTER TABLE projection_checkpoints ADD COLUMN event_id TEXT');
}
