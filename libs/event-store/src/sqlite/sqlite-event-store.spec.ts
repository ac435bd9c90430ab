import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subscription } from 'rxjs';
import { collect } from '../collect';
import { describeEventStoreContract } from '../event-store.contract';
import { WrongExpectedRevisionError } from '../event-store.errors';
import { EventToAppend, ExpectedRevision, SubscriptionMessage } from '../event-store.port';
import { SqliteEventStore, SqliteEventStoreOptions } from './sqlite-event-store';

/** A fresh directory per test, and every store opened in it closed before it is removed. */
function tempStores() {
  const dir = mkdtempSync(join(tmpdir(), 'sqlite-event-store-'));
  const file = join(dir, 'events.db');
  const opened: SqliteEventStore[] = [];
  const open = (options: Partial<SqliteEventStoreOptions> = {}) => {
    const store = new SqliteEventStore({ file, pollIntervalMs: 20, ...options });
    opened.push(store);
    return store;
  };
  const dispose = async () => {
    for (const store of opened) await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { file, open, dispose };
}

describeEventStoreContract('SQLite', async () => {
  const stores = tempStores();
  return { store: stores.open(), reopen: async () => stores.open(), dispose: stores.dispose };
});

describe('SqliteEventStore', () => {
  let stores: ReturnType<typeof tempStores>;

  beforeEach(() => {
    stores = tempStores();
  });

  afterEach(async () => {
    await stores.dispose();
  });

  it('gives no event at a position past the end of the log, or at one that is not a position', async () => {
    const store = stores.open();
    const { position } = await store.append('s-1', [{ id: randomUUID(), type: 'T', data: {}, metadata: {} }], 'any');

    expect(await store.eventAt(position)).toBeDefined();
    expect(await store.eventAt(String(Number(position) + 1))).toBeUndefined();
    expect(await store.eventAt('1:2')).toBeUndefined();
  });

  it('keeps the database file in WAL mode', async () => {
    stores.open();

    const other = new Database(stores.file, { readonly: true });
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
    expect(stores.open().settings().journalMode).toBe('wal');
  });

  it('syncs FULL by default, also when reopening a file already in WAL mode', async () => {
    const first = stores.open();
    expect(first.settings().synchronous).toBe(2);
    await first.close();

    expect(stores.open().settings().synchronous).toBe(2);
  });

  it('syncs NORMAL when configured so', () => {
    expect(stores.open({ synchronous: 'normal' }).settings().synchronous).toBe(1);
    expect(stores.open({ synchronous: 'full' }).settings().synchronous).toBe(2);
  });

  it('delivers events appended by another store on the same file (another process) to a running subscription', async () => {
    const reader = stores.open({ pollIntervalMs: 20 });
    const writer = stores.open();
    const messages: SubscriptionMessage[] = [];
    const subscription: Subscription = reader.subscribeToAll().subscribe((m) => messages.push(m));
    try {
      await waitUntil(() => messages.some((m) => m.kind === 'caughtUp'));

      const events = [event(), event()];
      await writer.append('elsewhere', events, 'no_stream');
      await waitUntil(() => messages.length === 3);

      expect(messages.map((m) => (m.kind === 'event' ? m.event.id : m.kind))).toEqual([
        'caughtUp',
        events[0].id,
        events[1].id,
      ]);
    } finally {
      subscription.unsubscribe();
    }
  });

  it('refuses a stale expected revision when another store on the same file wrote first', async () => {
    const one = stores.open();
    const two = stores.open();
    await one.append('shared', [event()], 'no_stream');
    await two.append('shared', [event()], 0);

    await expect(one.append('shared', [event()], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await collect(one.readStream('shared'))).toHaveLength(2);
  });

  describe('appends requested together (one commit group)', () => {
    it('applies them to one stream in request order, each checked against its own expected revision', async () => {
      const store = stores.open();
      const chain = Array.from({ length: 32 }, (_, i) => ({
        events: [event()],
        expected: i === 0 ? 'no_stream' : i - 1,
      }));
      // A stale writer between them: revision 3 is taken by then, by the chain's fourth append.
      const stale = { events: [event()], expected: 3 };
      const appends = [...chain.slice(0, 10), stale, ...chain.slice(10)];

      const outcomes = await Promise.allSettled(
        appends.map(({ events, expected }) => store.append('ordered', events, expected as ExpectedRevision)),
      );

      expect(outcomes[10]).toMatchObject({ status: 'rejected', reason: expect.any(WrongExpectedRevisionError) });
      const stored = await collect(store.readStream('ordered'));
      expect(stored.map((e) => e.id)).toEqual(chain.map(({ events }) => events[0].id));
    });

    it('undoes an append that fails halfway, and only that one', async () => {
      const store = stores.open();
      const repeated = event();
      // The third event repeats the first's id: the store refuses it after inserting two.
      const broken = store.append('broken', [repeated, event(), repeated], 'no_stream');
      const neighbours = [
        store.append('before', [event()], 'no_stream'),
        store.append('after', [event()], 'no_stream'),
      ];

      // Matched on its code: the addon's error class may come from another test file's realm.
      await expect(broken).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
      await expect(Promise.all(neighbours)).resolves.toHaveLength(2);
      expect(await collect(store.readStream('broken'))).toEqual([]);
      expect(await collect(store.readStream('after'))).toHaveLength(1);
    });

    it('acknowledges them in the order of the global log', async () => {
      const store = stores.open();
      const acknowledged: string[] = [];

      await Promise.all(
        Array.from({ length: 32 }, (_, i) =>
          store.append(`stream-${i % 5}`, [event()], 'any').then((result) => acknowledged.push(result.position)),
        ),
      );

      const log = (await collect(store.readAll())).map((e) => e.position);
      expect(acknowledged).toEqual(log);
    });

    it('commits the appends still queued when the store is closed, before acknowledging them', async () => {
      const store = stores.open();
      const events = [event(), event()];
      const appended = store.append('queued', events, 'no_stream');

      await store.close();

      await expect(appended).resolves.toMatchObject({ nextRevision: 1 });
      expect((await collect(stores.open().readStream('queued'))).map((e) => e.id)).toEqual(events.map((e) => e.id));
    });
  });

  it('completes open subscriptions when closed, instead of failing them', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    const seen: string[] = [];
    const done = new Promise<void>((resolve, reject) =>
      store.subscribeToAll().subscribe({ next: (m) => seen.push(m.kind), complete: resolve, error: reject }),
    );
    await waitUntil(() => seen.includes('caughtUp'));
    await store.close();
    await expect(done).resolves.toBeUndefined();
  });

  it('keeps working as an in-memory database', async () => {
    const store = new SqliteEventStore({ file: ':memory:' });
    try {
      await store.append('memory', [event()], 'no_stream');
      expect(await collect(store.readStream('memory'))).toHaveLength(1);
      expect(store.settings().journalMode).toBe('memory');
    } finally {
      await store.close();
    }
  });
});

function event(): EventToAppend {
  return { id: randomUUID(), type: 'Happened', data: {}, metadata: {} };
}

/** Polls the condition; fails after a few seconds rather than hanging. */
async function waitUntil(condition: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
