import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Observable, Subscriber } from 'rxjs';
import {
  DuplicateEventIdError,
  EventStoreFullError,
  EventStoreUnavailableError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  StoredEvent,
  SubscriptionMessage,
} from '../event-store.port';

export interface SqliteEventStoreOptions {
  /** File path, or `:memory:`. */
  file: string;
  /**
   * `full` (default): an acknowledged append survives power loss, at one fsync per commit.
   * `normal`: survives a process crash only, about ten times the append rate.
   * Set explicitly because better-sqlite3 leaves a database it just switched to WAL at FULL
   * but one reopened already in WAL at NORMAL: the same file would change durability on restart.
   */
  synchronous?: 'full' | 'normal';
  /** How often subscriptions look for events appended by other processes. */
  pollIntervalMs?: number;
}

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

const BATCH = 500;

/**
 * Pages of WAL before a commit checkpoints it (SQLite's default 1,000): a page changed often is
 * written back once per checkpoint. The read models, which share the file, set the same.
 */
const WAL_CHECKPOINT_PAGES = 10_000;

/**
 * Most appends committed in one transaction. A larger group saves no more fsyncs worth having
 * (one fsync shared by 64 is already a small part of each append's cost) but holds the write
 * lock, which other processes wait for, and the event loop for longer; the rest go in the next.
 */
const MAX_GROUP = 64;

interface QueuedAppend {
  streamId: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; answer: AppendResult; stored: boolean } | { ok: false; error: unknown };

/**
 * The embedded event store: one SQLite file, with group commit.
 *
 * better-sqlite3 commits synchronously, so while one commit waits for its fsync the event loop
 * stands still and concurrent requests pile up unread. Appends are therefore queued and committed
 * together on the next turn of the loop (`setImmediate`: after the pending I/O callbacks, with no
 * timer to wait for), in one IMMEDIATE transaction and one fsync. Each append runs in its own
 * SAVEPOINT: its conflict or failure undoes it alone and rejects its promise alone. Every promise
 * settles only once the transaction has committed, so an acknowledged append is durable.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly appended = new Set<() => void>();
  private readonly subscribers = new Set<Subscriber<SubscriptionMessage>>();
  private readonly pollIntervalMs: number;
  private readonly statements;
  private readonly commitGroup: (group: QueuedAppend[]) => Outcome[];
  private queue: QueuedAppend[] = [];
  private flushScheduled = false;

  constructor(options: SqliteEventStoreOptions) {
    try {
      this.db = SqliteEventStore.open(options);
    } catch (error) {
      // A missing directory, a file that is not a database, a read-only mount: the operator's to fix.
      throw new EventStoreUnavailableError(
        `cannot open the event store at ${options.file}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    this.pollIntervalMs = options.pollIntervalMs ?? 500;

    this.statements = {
      streamRevision: this.db.prepare<[string], { revision: number | null }>(
        'SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?',
      ),
      byEventId: this.db.prepare<[string], EventRow>('SELECT * FROM events WHERE event_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      readStream: this.db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?',
      ),
      readAll: this.db.prepare<[number, number], EventRow>(
        'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?',
      ),
      byPosition: this.db.prepare<[number], EventRow>('SELECT * FROM events WHERE position = ?'),
      lastPosition: this.db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
    };
    // A transaction function called inside another runs as a SAVEPOINT (better-sqlite3).
    const inSavepoint = this.db.transaction((queued: QueuedAppend) =>
      this.appendInTransaction(queued.streamId, queued.events, queued.expected),
    );
    const group = this.db.transaction((queued: QueuedAppend[]) =>
      queued.map((one): Outcome => {
        try {
          return { ok: true, ...inSavepoint(one) };
        } catch (error) {
          // Some errors (disk full, I/O) make SQLite roll back the whole transaction: the appends
          // after it would then commit one by one, and those before it are gone. Fail them all.
          if (!this.db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
    // IMMEDIATE takes the write lock up front, so two processes cannot both read the
    // same revision and then race to insert.
    this.commitGroup = group.immediate;
  }

  /**
   * Opens the file and makes sure it holds the log's tables and the store's identity: a write,
   * so that a store that cannot be written fails here, at start, and not at the first append.
   */
  private static open(options: SqliteEventStoreOptions): Database.Database {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    const db = new Database(options.file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${(options.synchronous ?? 'full').toUpperCase()}`);
      db.pragma('busy_timeout = 5000');
      db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
      db.exec(`
        CREATE TABLE IF NOT EXISTS events (
          position   INTEGER PRIMARY KEY AUTOINCREMENT,
          event_id   TEXT NOT NULL UNIQUE,
          stream_id  TEXT NOT NULL,
          revision   INTEGER NOT NULL,
          type       TEXT NOT NULL,
          data       TEXT NOT NULL,
          metadata   TEXT NOT NULL,
          UNIQUE (stream_id, revision)
        );
      `);
      db.exec('CREATE TABLE IF NOT EXISTS store_identity (id TEXT NOT NULL)');
      // IMMEDIATE: two processes opening a new file at once agree on one id.
      db.transaction(() => {
        if (!db.prepare('SELECT id FROM store_identity').get()) {
          db.prepare('INSERT INTO store_identity VALUES (?)').run(randomUUID());
        }
      }).immediate();
    } catch (error) {
      db.close();
      throw error;
    }
    return db;
  }

  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected, resolve, reject });
      this.scheduleFlush();
    });
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Commits the oldest queued appends (in request order), then settles their promises in that order. */
  private flush(): void {
    const group = this.queue.splice(0, MAX_GROUP);
    if (this.queue.length > 0) this.scheduleFlush();
    if (group.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.commitGroup(group);
    } catch (error) {
      // Nothing of the group was committed.
      group.forEach((queued) => queued.reject(portError(error)));
      return;
    }
    outcomes.forEach((outcome, i) =>
      outcome.ok ? group[i].resolve(outcome.answer) : group[i].reject(portError(outcome.error)),
    );
    if (outcomes.some((outcome) => outcome.ok && outcome.stored)) this.appended.forEach((notify) => notify());
  }

  private appendInTransaction(
    streamId: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): { answer: AppendResult; stored: boolean } {
    const retried = this.originalAppend(streamId, events);
    if (retried) return { answer: retried, stored: false };

    const current = this.statements.streamRevision.get(streamId)?.revision ?? null;
    if (!matches(expected, current)) {
      throw new WrongExpectedRevisionError(streamId, expected, current ?? 'no_stream');
    }
    let revision = current ?? -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const info = this.statements.insert.run(
        event.id,
        streamId,
        revision,
        event.type,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      );
      position = Number(info.lastInsertRowid);
    }
    return { answer: { nextRevision: revision, position: String(position) }, stored: true };
  }

  /**
   * When every event of the append is already stored, in order, in this stream: the original
   * answer. Also when the original is earlier in the same group: its savepoint is released by then.
   */
  private originalAppend(streamId: string, events: EventToAppend[]): AppendResult | undefined {
    const rows = events.map((e) => this.statements.byEventId.get(e.id));
    if (rows.every((row) => row === undefined)) return undefined;
    const consecutive = rows.every(
      (row, i) => row !== undefined && row.stream_id === streamId && row.revision === rows[0]!.revision + i,
    );
    if (!consecutive) throw new DuplicateEventIdError(events[rows.findIndex((row) => row !== undefined)].id);
    const last = rows[rows.length - 1]!;
    return { nextRevision: last.revision, position: String(last.position) };
  }

  async *readStream(streamId: string, options: { fromRevision?: number } = {}): AsyncIterable<StoredEvent> {
    // Batches read whole, never a statement iterator held open across yields: that would leave
    // the connection busy (no append, no close) while the caller is between two events.
    let from = options.fromRevision ?? 0;
    while (true) {
      const rows = this.statements.readStream.all(streamId, from, BATCH);
      for (const row of rows) yield toStored(row);
      if (rows.length < BATCH) return;
      from = rows[rows.length - 1].revision + 1;
    }
  }

  async *readAll(options: { after?: GlobalPosition; maxCount?: number } = {}): AsyncIterable<StoredEvent> {
    let after = options.after === undefined ? 0 : Number(options.after);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const rows = this.statements.readAll.all(after, Math.min(BATCH, remaining));
      for (const row of rows) yield toStored(row);
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1].position;
      remaining -= rows.length;
    }
  }

  subscribeToAll(options: { after?: GlobalPosition } = {}): Observable<SubscriptionMessage> {
    return new Observable<SubscriptionMessage>((subscriber) => {
      let after = options.after === undefined ? 0 : Number(options.after);
      let caughtUp = false;
      let pumping = false;
      let again = false;
      // Reads are synchronous, so one pump drains everything appended so far; a notification
      // that arrives while it runs (a subscriber appending, say) makes it go round once more.
      const pump = () => {
        if (pumping) {
          again = true;
          return;
        }
        pumping = true;
        try {
          do {
            again = false;
            let rows: EventRow[];
            do {
              rows = this.statements.readAll.all(after, BATCH);
              for (const row of rows) {
                if (subscriber.closed) return;
                after = row.position;
                subscriber.next({ kind: 'event', event: toStored(row) });
              }
            } while (rows.length === BATCH);
          } while (again);
          if (!caughtUp && !subscriber.closed) {
            caughtUp = true;
            subscriber.next({ kind: 'caughtUp' });
          }
        } catch (error) {
          subscriber.error(error);
        } finally {
          pumping = false;
        }
      };
      this.appended.add(pump);
      this.subscribers.add(subscriber);
      // Other processes (the CLI importing while the API serves) write to the same file.
      const timer = setInterval(pump, this.pollIntervalMs);
      timer.unref();
      queueMicrotask(pump);
      return () => {
        this.appended.delete(pump);
        this.subscribers.delete(subscriber);
        clearInterval(timer);
      };
    });
  }

  /** The connection's journal mode and synchronous level (0 off, 1 normal, 2 full) as SQLite reports them. */
  settings(): { journalMode: string; synchronous: number } {
    return {
      journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
      synchronous: this.db.pragma('synchronous', { simple: true }) as number,
    };
  }

  async identity(): Promise<string> {
    return (this.db.prepare('SELECT id FROM store_identity').get() as { id: string }).id;
  }

  async eventAt(position: GlobalPosition): Promise<StoredEvent | undefined> {
    const row = /^\d+$/.test(position) ? this.statements.byPosition.get(Number(position)) : undefined;
    return row && toStored(row);
  }

  async lastPosition(): Promise<GlobalPosition | undefined> {
    const { position } = this.statements.lastPosition.get()!;
    return position === null ? undefined : String(position);
  }

  comparePositions(a: GlobalPosition, b: GlobalPosition): number {
    return Number(a) - Number(b);
  }

  /** Commits the appends still queued, ends every open subscription (they complete), then closes the file. */
  async close(): Promise<void> {
    while (this.queue.length > 0 && this.db.open) this.flush();
    this.subscribers.forEach((subscriber) => subscriber.complete());
    this.appended.clear();
    if (this.db.open) this.db.close();
  }
}

function matches(expected: ExpectedRevision, current: number | null): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === null;
    case 'stream_exists':
      return current !== null;
    default:
      return current === expected;
  }
}

function toStored(row: EventRow): StoredEvent {
  return {
    id: row.event_id,
    streamId: row.stream_id,
    revision: row.revision,
    position: String(row.position),
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}

/** SQLite's own failures in the port's terms, where the caller can act on them. */
function portError(error: unknown): unknown {
  const code = (error as { code?: unknown })?.code;
  // SQLITE_FULL: the disk is full, or the file reached its max_page_count.
  return code === 'SQLITE_FULL' ? new EventStoreFullError({ cause: error }) : error;
}
