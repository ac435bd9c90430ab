import {
  FixedClock,
  FranchiseCreated,
  FranchiseEvent,
  FranchiseState,
  Fold,
  TimelineEvent,
  createFranchise,
  franchiseFold,
  fromRecord,
  keyedFactsOf,
  metaFor,
  sourceStream,
  franchiseStream,
  toRecord,
} from '@app/domain';
import { claim } from '@app/domain/events/timeline-events.fixtures';
import { EventStore, EventToAppend, ExpectedRevision, collect } from '@app/event-store';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import { ConcurrentWriteError, StaleRevisionError } from './command-errors';
import { SqliteDecisionIndex } from './decision-index/sqlite-decision-index';
import { MAX_UNINDEXED_EVENTS } from './decision-index/unindexed-tails';
import { MAX_CACHED_EVENTS, StreamWriter } from './stream-writer';
import { randomUUID } from 'node:crypto';

const STREAM = franchiseStream('f');
const meta = metaFor('FranchiseCreated', '2026-01-01T00:00:00.000Z', 'test');
const created: FranchiseCreated = {
  type: 'FranchiseCreated',
  eventId: randomUUID(),
  data: { franchiseId: 'f', title: 'F', aliases: [] },
  meta,
};

/** A store where another writer slips an event in before each of the first `races` appends. */
function racingStore(inner: EventStore, races: number): EventStore {
  let left = races;
  return new Proxy(inner, {
    get(target, property) {
      if (property !== 'append') return Reflect.get(target, property);
      return async (streamId: string, events: EventToAppend[], expected: ExpectedRevision) => {
        if (left-- > 0) {
          const rival = toRecord({
            ...created,
            eventId: randomUUID(),
            data: { ...created.data, title: `rival ${left}` },
          });
          await target.append(streamId, [rival], 'any');
        }
        return target.append(streamId, events, expected);
      };
    },
  });
}

/** A store that can be replaced under its user (a backup restored, say). */
function replaceable(initial: EventStore): { store: EventStore; replace(next: EventStore): void } {
  let current = initial;
  const store = new Proxy(initial, { get: (_, property) => Reflect.get(current, property).bind(current) });
  return { store, replace: (next) => (current = next) };
}

/** Appends a FranchiseCreated-shaped event whatever the stream holds: enough to exercise the write cycle. */
const decideAppend = () => ({ kind: 'append' as const, events: [{ ...created, eventId: randomUUID() }] });

const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));

describe('StreamWriter', () => {
  let store: SqliteEventStore;

  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    await store.append(STREAM, [toRecord(created)], 'no_stream');
  });
  afterEach(() => store.close());

  it('decides again on the new stream when a concurrent write lands first, losing neither write', async () => {
    const writer = new StreamWriter(racingStore(store, 2), clock, SqliteDecisionIndex.inMemory());
    const result = await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
    expect(result).toMatchObject({ created: true, revision: 3 });
  });

  it('answers StaleRevisionError instead of retrying when the client pinned a revision', async () => {
    const writer = new StreamWriter(racingStore(store, 1), clock, SqliteDecisionIndex.inMemory());
    await expect(
      writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test', expectedRevision: 0 }),
    ).rejects.toBeInstanceOf(StaleRevisionError);
  });

  it('refuses a pinned revision the stream has already moved past, before appending', async () => {
    const writer = new StreamWriter(store, clock, SqliteDecisionIndex.inMemory());
    await store.append(STREAM, [toRecord({ ...created, eventId: randomUUID() })], 'any');
    await expect(
      writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test', expectedRevision: 0 }),
    ).rejects.toThrow(/revision 1, not 0/);
  });

  it('gives up with ConcurrentWriteError when every attempt is overtaken', async () => {
    const writer = new StreamWriter(racingStore(store, 100), clock, SqliteDecisionIndex.inMemory());
    await expect(writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' })).rejects.toBeInstanceOf(
      ConcurrentWriteError,
    );
  });

  it('answers a repeated command with the original event’s revision and position, appending nothing', async () => {
    const writer = new StreamWriter(store, clock, SqliteDecisionIndex.inMemory());
    const command = {
      franchiseId: 'f',
      title: 'F',
      aliases: [],
      eventId: randomUUID(),
      recordedAt: meta.recordedAt,
      recordedBy: 'test',
    };
    const result = await writer.write(STREAM, franchiseFold, (state) => createFranchise(state, command), {
      recordedBy: 'test',
    });
    expect(result).toEqual({ eventId: created.eventId, revision: 0, position: '1', created: false });
  });

  describe('32 concurrent writes to one stream', () => {
    const writes = Array.from({ length: 32 });

    it('records every one, each decided on the stream the previous ones left', async () => {
      const writer = new StreamWriter(store, clock, SqliteDecisionIndex.inMemory());
      const results = await Promise.all(
        writes.map(() => writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' })),
      );
      expect(results.map((r) => r.revision)).toEqual(writes.map((_, i) => i + 1));
      expect(await collect(store.readStream(STREAM))).toHaveLength(33);
    });

    it('lets one through when all pin the same revision; the others get StaleRevisionError', async () => {
      const writer = new StreamWriter(store, clock, SqliteDecisionIndex.inMemory());
      const results = await Promise.allSettled(
        writes.map(() =>
          writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test', expectedRevision: 0 }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(refused).toHaveLength(31);
      refused.forEach((reason) => expect(reason).toBeInstanceOf(StaleRevisionError));
    });
  });

  describe('the decision index of a franchise stream', () => {
    const release = (n: number) =>
      toRecord(
        claim('FilmReleased', { franchiseId: 'f', filmId: `film-${n}`, releasedOn: '2020' }, 's', {
          eventId: randomUUID(),
        }),
      );
    const appendReleases = async (count: number) => {
      for (let n = 0; n < count; n++) await store.append(STREAM, [release(n)], 'any');
    };
    /** Counts the events the writer reads from the store. */
    const reading = (inner: EventStore) => {
      const read = { events: 0 };
      const spy = new Proxy(inner, {
        get(target, property) {
          if (property !== 'readStream') return Reflect.get(target, property);
          return async function* (streamId: string, options?: { fromRevision?: number }) {
            for await (const event of target.readStream(streamId, options)) {
              read.events += 1;
              yield event;
            }
          };
        },
      });
      return { spy, read };
    };

    /** Every fact the stream's events establish, as the writer's index holds them and as a fold in memory does. */
    const bothWays = async (index: SqliteDecisionIndex) => {
      const all = (await collect(store.readStream(STREAM))).map((e) => fromRecord(e) as FranchiseEvent);
      const keys = all.flatMap((event) => [...franchiseFold.facts(event)].map(([key]) => key));
      const indexed = index.read(STREAM).facts;
      const folded = keyedFactsOf(franchiseFold, all);
      return { all, indexed: keys.map((key) => indexed.get(key)), folded: keys.map((key) => folded.get(key)) };
    };

    it('decides on the facts a full fold of the stream gives, including what other writers appended', async () => {
      const index = SqliteDecisionIndex.inMemory();
      const writer = new StreamWriter(store, clock, index);
      await appendReleases(3);
      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      // Another process or API instance writes to the same stream.
      await appendReleases(2);

      const kept = await writer.current(STREAM, franchiseFold);

      const { all, indexed, folded } = await bothWays(index);
      expect(kept.revision).toBe(all.length - 1);
      expect(indexed).toEqual(folded);
      expect(kept.state.hasFilm('film-1')).toBe(true);
    });

    it('reads back only the last event it wrote, however long the stream', async () => {
      await appendReleases(50);
      const { spy, read } = reading(store);
      const writer = new StreamWriter(spy, clock, SqliteDecisionIndex.inMemory());
      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      read.events = 0;

      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });

      // Still the one indexed? Its own append was indexed as it was acknowledged.
      expect(read.events).toBe(1);
    });

    it('starts, after a restart, from the index it left rather than from the start of the stream', async () => {
      await appendReleases(50);
      const index = SqliteDecisionIndex.inMemory();
      await new StreamWriter(store, clock, index).write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      await appendReleases(2);
      const { spy, read } = reading(store);

      await new StreamWriter(spy, clock, index).current(STREAM, franchiseFold);

      expect(read.events).toBe(3);
      const { indexed, folded } = await bothWays(index);
      expect(indexed).toEqual(folded);
    });

    it('establishes the facts again from the start of the stream when the fold has a new version', async () => {
      await appendReleases(3);
      const index = SqliteDecisionIndex.inMemory();
      await new StreamWriter(store, clock, index).current(STREAM, franchiseFold);
      const { spy, read } = reading(store);
      const renamed = {
        ...franchiseFold,
        version: 2,
        facts: (e: FranchiseEvent) => [[`v2:${e.eventId}`, true] as const],
      };

      const kept = await new StreamWriter(spy, clock, index).current(STREAM, renamed);

      expect(read.events).toBe(4);
      expect(index.head(STREAM)?.version).toBe(2);
      expect(index.read(STREAM).facts.get(`v2:${created.eventId}`)).toEqual({ value: true, revision: 0 });
      expect(kept.revision).toBe(3);
    });

    it('reads the stream again from the start when it holds another event where the index ends', async () => {
      const restored = new SqliteEventStore({ file: ':memory:' });
      const other = { ...created, eventId: randomUUID() };
      await restored.append(STREAM, [toRecord(other)], 'no_stream');
      const switchable = replaceable(store);
      const writer = new StreamWriter(switchable.store, clock, SqliteDecisionIndex.inMemory());
      await writer.current(STREAM, franchiseFold);
      switchable.replace(restored);

      const kept = await writer.current(STREAM, franchiseFold);

      expect(kept.state.created?.eventId).toBe(other.eventId);
      await restored.close();
    });

    /** An index whose writes fail while `down.now` holds, as on a full disk. */
    const failingIndex = () => {
      const inner = SqliteDecisionIndex.inMemory();
      const down = { now: true };
      const index = new Proxy(inner, {
        get: (target, property) =>
          property === 'add' && down.now
            ? () => {
                throw new Error('SQLITE_FULL: database or disk is full');
              }
            : Reflect.get(target, property).bind(target),
      });
      return { inner, index, down };
    };

    it('decides from the store when the index cannot be written (its disk full), and writes go on', async () => {
      const { inner, index } = failingIndex();
      const writer = new StreamWriter(store, clock, index);
      const command = { franchiseId: 'f', title: 'F', aliases: [], eventId: randomUUID(), recordedBy: 'test' };
      const again = (state: FranchiseState) => createFranchise(state, { ...command, recordedAt: meta.recordedAt });

      const written = await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      const retried = await writer.write(STREAM, franchiseFold, again, { recordedBy: 'test' });

      expect(written).toMatchObject({ created: true, revision: 1 });
      expect(retried).toEqual({ eventId: created.eventId, revision: 0, position: '1', created: false });
      expect(inner.head(STREAM)).toBeUndefined();
    });

    it('keeps in memory what the index cannot take, so that each later write reads only what follows', async () => {
      await appendReleases(50);
      const { index } = failingIndex();
      const { spy, read } = reading(store);
      const writer = new StreamWriter(spy, clock, index);
      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      expect(read.events).toBe(51);
      read.events = 0;

      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      await appendReleases(2);
      const kept = await writer.current(STREAM, franchiseFold);

      // Its last event, twice (is it still the stream?), and the two another writer appended.
      expect(read.events).toBe(4);
      expect(kept.revision).toBe(54);
      expect(kept.state.hasFilm('film-1')).toBe(true);
      expect(kept.placed(created.eventId)).toEqual({ revision: 0, position: '1' });
    });

    it('puts what it kept in memory into the index once the index can be written again, and then reads from there', async () => {
      await appendReleases(5);
      const { inner, index, down } = failingIndex();
      const moving = new FixedClock(new Date('2026-01-01T00:00:00Z'));
      const writer = new StreamWriter(store, moving, index);
      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      down.now = false;

      // Offered again only a while after it was last: an offer costs the length of what is kept.
      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      expect(inner.head(STREAM)).toBeUndefined();
      moving.advance(10_000);
      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });

      expect(inner.head(STREAM)?.revision).toBe(9);
      const { indexed, folded } = await bothWays(inner);
      expect(indexed).toEqual(folded);
    });

    it('reads on from where the index took back what it kept, when a later batch of the same read fails again', async () => {
      await appendReleases(5);
      const inner = SqliteDecisionIndex.inMemory();
      let fails = (_call: number) => true;
      let calls = 0;
      const index = new Proxy(inner, {
        get: (target, property) =>
          property === 'add'
            ? (...args: Parameters<SqliteDecisionIndex['add']>) => {
                if (fails(++calls)) throw new Error('SQLITE_FULL: database or disk is full');
                return target.add(...args);
              }
            : Reflect.get(target, property).bind(target),
      });
      const moving = new FixedClock(new Date('2026-01-01T00:00:00Z'));
      const { spy, read } = reading(store);
      const writer = new StreamWriter(spy, moving, index);
      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      await writer.current(STREAM, franchiseFold);
      // Another writer appends more than one batch; the index takes the kept events and the first batch, not the second.
      await appendReleases(1_500);
      moving.advance(10_000);
      const first = calls + 1;
      fails = (call) => call !== first;
      await writer.current(STREAM, franchiseFold);
      read.events = 0;

      const kept = await writer.current(STREAM, franchiseFold);

      // Only the last event taken in, read again to tell the stream is still the one: not the 1,500 from the index's head.
      expect(read.events).toBe(1);
      expect(kept.revision).toBe(1_506);
      expect(inner.head(STREAM)?.revision).toBe(1_006);
    });

    it('takes each event into what it keeps in memory once, when two reads of the stream run at once', async () => {
      await appendReleases(5);
      const { inner, index, down } = failingIndex();
      const moving = new FixedClock(new Date('2026-01-01T00:00:00Z'));
      const writer = new StreamWriter(store, moving, index);
      await writer.current(STREAM, franchiseFold);
      await appendReleases(3);

      // A claim's check beside another claim's write, say.
      await Promise.all([writer.current(STREAM, franchiseFold), writer.current(STREAM, franchiseFold)]);
      down.now = false;
      moving.advance(10_000);
      await writer.current(STREAM, franchiseFold);

      expect(inner.head(STREAM)?.revision).toBe(8);
    });

    it('keeps what it holds of a stream while reading it, though other streams push past the bound', async () => {
      const releases = (franchiseId: string, count: number) =>
        Array.from({ length: count }, (_, n) =>
          toRecord(
            claim('FilmReleased', { franchiseId, filmId: `film-${n}`, releasedOn: '2020' }, 's', {
              eventId: randomUUID(),
            }),
          ),
        );
      for (let left = MAX_UNINDEXED_EVENTS; left > 0; left -= 5_000)
        await store.append(STREAM, releases('f', 5_000), 'any');
      const { index } = failingIndex();
      const writer = new StreamWriter(store, clock, index);
      await writer.current(STREAM, franchiseFold);
      await store.append(STREAM, releases('f', 3), 'any');
      await store.append(franchiseStream('g'), releases('g', 3), 'no_stream');

      const [kept] = await Promise.all([
        writer.current(STREAM, franchiseFold),
        writer.current(franchiseStream('g'), franchiseFold),
      ]);

      expect(kept.revision).toBe(MAX_UNINDEXED_EVENTS + 3);
      expect(kept.state.created?.eventId).toBe(created.eventId);
    });

    it('asks the store who it is again at the next write when it could not be reached at the first', async () => {
      let away = true;
      const flaky = new Proxy(store, {
        get: (target, property) =>
          property === 'identity'
            ? () => (away ? Promise.reject(new Error('unreachable')) : target.identity())
            : Reflect.get(target, property).bind(target),
      });
      const writer = new StreamWriter(flaky, clock, SqliteDecisionIndex.inMemory());
      await expect(writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' })).rejects.toThrow(
        'unreachable',
      );
      away = false;

      await expect(writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' })).resolves.toMatchObject({
        created: true,
      });
    });

    it('drops every fact of another store: an index follows one store', async () => {
      const index = SqliteDecisionIndex.inMemory();
      await new StreamWriter(store, clock, index).current(STREAM, franchiseFold);
      const another = new SqliteEventStore({ file: ':memory:' });

      await new StreamWriter(another, clock, index).current(franchiseStream('g'), franchiseFold);

      expect(index.head(STREAM)).toBeUndefined();
      await another.close();
    });

    it('reads the stream again from the start when an append finds it elsewhere than the index says', async () => {
      await appendReleases(2);
      const replaced = new SqliteEventStore({ file: ':memory:' });
      await replaced.append(STREAM, [toRecord(created)], 'no_stream');
      const switchable = replaceable(store);
      const writer = new StreamWriter(switchable.store, clock, SqliteDecisionIndex.inMemory());
      await writer.current(STREAM, franchiseFold);
      switchable.replace(replaced);

      const result = await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });

      expect(result).toMatchObject({ created: true, revision: 1 });
      await replaced.close();
    });
  });

  describe('the folded states it keeps of short streams', () => {
    /** A fold whose state is how many events it took in. */
    const counting: Fold<{ events: number }, TimelineEvent> = {
      initial: () => ({ events: 0 }),
      evolve: (state) => ({ events: state.events + 1 }),
    };
    const SHORT = sourceStream('s');
    const registered = () => toRecord({ ...created, eventId: randomUUID() });

    it('counts every event it keeps against its bound, and keeps no stream that has none', async () => {
      const writer = new StreamWriter(store, clock, SqliteDecisionIndex.inMemory());
      for (let n = 0; n < 4; n++) await store.append(SHORT, [registered()], 'any');
      await writer.current(sourceStream('nobody-wrote-this'), counting);

      const kept = await writer.current(SHORT, counting);

      expect(kept.state.events).toBe(4);
      expect(writer.cacheSize()).toEqual({ streams: 1, events: 4 });
    });

    it('keeps no franchise stream in memory, however long', async () => {
      const writer = new StreamWriter(store, clock, SqliteDecisionIndex.inMemory());
      for (let n = 0; n < 3; n++) await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });

      expect(writer.cacheSize()).toEqual({ streams: 0, events: 0 });
    });

    it('lets the least recently written streams go beyond its bound', async () => {
      const writer = new StreamWriter(store, clock, SqliteDecisionIndex.inMemory());
      const other = sourceStream('g');
      await store.append(other, [registered()], 'no_stream');
      await writer.current(other, counting);
      for (let n = 0; n < MAX_CACHED_EVENTS; n += 1000) {
        await store.append(
          SHORT,
          Array.from({ length: 1000 }, () => registered()),
          'any',
        );
      }

      await writer.current(SHORT, counting);

      expect(writer.cacheSize()).toEqual({ streams: 1, events: MAX_CACHED_EVENTS });
    });
  });
});
