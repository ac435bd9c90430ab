import { Established } from '@app/domain';
import { GlobalPosition } from '@app/event-store';
import Database from 'better-sqlite3';
import { DecisionIndex, IndexHead, IndexedEvent, IndexedStream } from './decision-index.port';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS decision_binding (store_id TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS decision_streams (
    id       INTEGER PRIMARY KEY,
    stream   TEXT NOT NULL UNIQUE,
    revision INTEGER NOT NULL,
    last_id  TEXT NOT NULL,
    version  INTEGER NOT NULL
  );
  -- position: kept on the row under the event's own id only.
  CREATE TABLE IF NOT EXISTS decision_facts (
    stream   INTEGER NOT NULL,
    key      TEXT NOT NULL,
    value    TEXT NOT NULL,
    revision INTEGER NOT NULL,
    position TEXT,
    PRIMARY KEY (stream, key)
  ) WITHOUT ROWID;
`;

/**
 * The decision index in SQLite, beside the read models (in the same file by default): a point
 * lookup per fact, so a decision reads a few rows whatever the stream's length. Written at
 * `synchronous = NORMAL` like them: what a power cut loses, the writer reads again from the store.
 */
export class SqliteDecisionIndex implements DecisionIndex {
  private readonly statements;
  private readonly addAll: (streamId: string, version: number, events: IndexedEvent[]) => void;

  /** An index of its own in memory: for tests, and for a writer with no read-model file. */
  static inMemory(): SqliteDecisionIndex {
    return new SqliteDecisionIndex(new Database(':memory:'));
  }

  constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    // An index written before its streams had a version: dropped, and established again from the store.
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(decision_streams)').all();
    if (!columns.some((column) => column.name === 'version')) {
      db.exec('DROP TABLE decision_streams; DROP TABLE decision_facts;');
      db.exec(SCHEMA);
    }
    this.statements = {
      binding: db.prepare<[], string>('SELECT store_id FROM decision_binding').pluck(),
      head: db.prepare<[string], { id: number; revision: number; last_id: string; version: number }>(
        'SELECT id, revision, last_id, version FROM decision_streams WHERE stream = ?',
      ),
      newStream: db.prepare<[string, number, string, number], { id: number }>(
        'INSERT INTO decision_streams (stream, revision, last_id, version) VALUES (?, ?, ?, ?) RETURNING id',
      ),
      moveHead: db.prepare<[number, string, number]>(
        'UPDATE decision_streams SET revision = ?, last_id = ? WHERE id = ?',
      ),
      fact: db.prepare<[number, string, string, number, string | null]>(
        'INSERT OR IGNORE INTO decision_facts (stream, key, value, revision, position) VALUES (?, ?, ?, ?, ?)',
      ),
      get: db.prepare<[number, string], { value: string; revision: number; position: string | null }>(
        'SELECT value, revision, position FROM decision_facts WHERE stream = ? AND key = ?',
      ),
      dropFacts: db.prepare<[number]>('DELETE FROM decision_facts WHERE stream = ?'),
      dropStream: db.prepare<[number]>('DELETE FROM decision_streams WHERE id = ?'),
    };
    this.addAll = db.transaction((streamId: string, version: number, events: IndexedEvent[]) =>
      this.addInTransaction(streamId, version, events),
    );
  }

  bind(storeIdentity: string): void {
    if (this.statements.binding.get() === storeIdentity) return;
    this.db.transaction(() => {
      this.db.exec('DELETE FROM decision_facts; DELETE FROM decision_streams; DELETE FROM decision_binding');
      this.db.prepare('INSERT INTO decision_binding VALUES (?)').run(storeIdentity);
    })();
  }

  head(streamId: string): IndexHead | undefined {
    return headOf(this.statements.head.get(streamId));
  }

  add(streamId: string, version: number, events: IndexedEvent[]): void {
    if (events.length > 0) this.addAll(streamId, version, events);
  }

  private addInTransaction(streamId: string, version: number, events: IndexedEvent[]): void {
    const { fact, moveHead } = this.statements;
    const head = this.statements.head.get(streamId);
    let revision = head?.revision ?? -1;
    const fresh = events.filter((event) => event.revision > revision);
    if (fresh.length === 0) return;
    const last = fresh[fresh.length - 1];
    if (head && head.version !== version) {
      throw new Error(`decision index of ${streamId}: facts of version ${head.version}, not ${version}`);
    }
    const stream = head?.id ?? this.statements.newStream.get(streamId, last.revision, last.id, version)!.id;
    for (const event of fresh) {
      // A gap would leave facts out for good: the caller reads the stream in order.
      if (event.revision !== revision + 1) {
        throw new Error(`decision index of ${streamId}: event at revision ${event.revision} after ${revision}`);
      }
      revision = event.revision;
      for (const [key, value] of event.facts) {
        fact.run(stream, key, JSON.stringify(value), event.revision, key === event.id ? event.position : null);
      }
    }
    moveHead.run(last.revision, last.id, stream);
  }

  drop(streamId: string): void {
    const head = this.statements.head.get(streamId);
    if (!head) return;
    this.db.transaction(() => {
      this.statements.dropFacts.run(head.id);
      this.statements.dropStream.run(head.id);
    })();
  }

  read(streamId: string): IndexedStream {
    const row = this.statements.head.get(streamId);
    const { get } = this.statements;
    const lookUp = (key: string) => (row === undefined ? undefined : get.get(row.id, key));
    return {
      head: headOf(row),
      facts: {
        get(key: string): Established | undefined {
          const fact = lookUp(key);
          return fact && { value: JSON.parse(fact.value), revision: fact.revision };
        },
      },
      placed(eventId: string): { revision: number; position: GlobalPosition } | undefined {
        const fact = lookUp(eventId);
        return fact?.position ? { revision: fact.revision, position: fact.position } : undefined;
      },
    };
  }
}

function headOf(row: { revision: number; last_id: string; version: number } | undefined): IndexHead | undefined {
  return row && { revision: row.revision, id: row.last_id, version: row.version };
}
