import {
  FixedClock,
  FranchiseCreated,
  FranchiseEvent,
  createFranchise,
  foldFranchise,
  franchiseFold,
  franchiseStream,
  fromRecord,
  metaFor,
  toRecord,
} from '@app/domain';
import { claim } from '@app/domain/events/timeline-events.fixtures';
import { EventStore, EventToAppend, ExpectedRevision, collect } from '@app/event-store';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import { ConcurrentWriteError, StaleRevisionError } from './command-errors';
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
    const writer = new StreamWriter(racingStore(store, 2), clock);
    const result = await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
    expect(result).toMatchObject({ created: true, revision: 3 });
  });

  it('answers StaleRevisionError instead of retrying when the client pinned a revision', async () => {
    const writer = new StreamWriter(racingStore(store, 1), clock);
    await expect(
      writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test', expectedRevision: 0 }),
    ).rejects.toBeInstanceOf(StaleRevisionError);
  });

  it('refuses a pinned revision the stream has already moved past, before appending', async () => {
    const writer = new StreamWriter(store, clock);
    await store.append(STREAM, [toRecord({ ...created, eventId: randomUUID() })], 'any');
    await expect(
      writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test', expectedRevision: 0 }),
    ).rejects.toThrow(/revision 1, not 0/);
  });

  it('gives up with ConcurrentWriteError when every attempt is overtaken', async () => {
    const writer = new StreamWriter(racingStore(store, 100), clock);
    await expect(writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' })).rejects.toBeInstanceOf(
      ConcurrentWriteError,
    );
  });

  it('answers a repeated command with the original event’s revision and position, appending nothing', async () => {
    const writer = new StreamWriter(store, clock);
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
      const writer = new StreamWriter(store, clock);
      const results = await Promise.all(
        writes.map(() => writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' })),
      );
      expect(results.map((r) => r.revision)).toEqual(writes.map((_, i) => i + 1));
      expect(await collect(store.readStream(STREAM))).toHaveLength(33);
    });

    it('lets one through when all pin the same revision; the others get StaleRevisionError', async () => {
      const writer = new StreamWriter(store, clock);
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

  describe('the folded state it keeps', () => {
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

    it('is the state a full fold of the stream gives, including what other writers appended', async () => {
      const writer = new StreamWriter(store, clock);
      await appendReleases(3);
      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      // Another process or API instance writes to the same stream.
      await appendReleases(2);

      const kept = await writer.current(STREAM, franchiseFold);

      const all = (await collect(store.readStream(STREAM))).map((e) => fromRecord(e) as FranchiseEvent);
      expect(kept.revision).toBe(all.length - 1);
      expect(kept.state).toEqual(foldFranchise(all));
    });

    it('reads only the events appended since the last write, however long the stream', async () => {
      await appendReleases(50);
      const { spy, read } = reading(store);
      const writer = new StreamWriter(spy, clock);
      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      read.events = 0;

      await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });

      // The last event folded (still the one folded?) and the one appended since.
      expect(read.events).toBe(2);
    });

    it('folds again from the start when the stream holds another event where the kept state ends', async () => {
      const restored = new SqliteEventStore({ file: ':memory:' });
      const other = { ...created, eventId: randomUUID() };
      await restored.append(STREAM, [toRecord(other)], 'no_stream');
      const switchable = replaceable(store);
      const writer = new StreamWriter(switchable.store, clock);
      await writer.current(STREAM, franchiseFold);
      switchable.replace(restored);

      const kept = await writer.current(STREAM, franchiseFold);

      expect(kept.state.created?.eventId).toBe(other.eventId);
      await restored.close();
    });

    it('counts every event it keeps against its bound, and keeps no stream that has none', async () => {
      const writer = new StreamWriter(store, clock);
      for (let n = 0; n < 3; n++) await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });
      await writer.current(franchiseStream('nobody-wrote-this'), franchiseFold);

      await writer.current(STREAM, franchiseFold);

      expect(writer.cacheSize()).toEqual({ streams: 1, events: 4 });
    });

    it('folds the stream again from the start when an append finds it elsewhere than the kept state says', async () => {
      await appendReleases(2);
      const replaced = new SqliteEventStore({ file: ':memory:' });
      await replaced.append(STREAM, [toRecord(created)], 'no_stream');
      const switchable = replaceable(store);
      const writer = new StreamWriter(switchable.store, clock);
      await writer.current(STREAM, franchiseFold);
      switchable.replace(replaced);

      const result = await writer.write(STREAM, franchiseFold, decideAppend, { recordedBy: 'test' });

      expect(result).toMatchObject({ created: true, revision: 1 });
      await replaced.close();
    });

    it('lets the least recently written streams go beyond its bound', async () => {
      const writer = new StreamWriter(store, clock);
      const other = franchiseStream('g');
      await store.append(other, [toRecord({ ...created, eventId: randomUUID() })], 'no_stream');
      await writer.current(other, franchiseFold);
      for (let n = 0; n < MAX_CACHED_EVENTS; n += 1000) {
        await store.append(
          STREAM,
          Array.from({ length: 1000 }, (_, i) => release(n + i)),
          'any',
        );
      }

      await writer.current(STREAM, franchiseFold);

      expect(writer.cacheSize()).toEqual({ streams: 1, events: MAX_CACHED_EVENTS + 1 });
    });
  });
});
