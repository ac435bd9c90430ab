import { randomUUID } from 'node:crypto';
import { Observable, Subscription } from 'rxjs';
import { collect } from './collect';
import { DuplicateEventIdError, WrongExpectedRevisionError } from './event-store.errors';
import {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  StoredEvent,
  StreamRevision,
  SubscriptionMessage,
} from './event-store.port';

/**
 * The behaviour every event-store adapter owes the port, as one jest suite that each adapter's
 * spec runs against its own store (the idea of emmett's shared `features.ts`).
 *
 * The suite never assumes it owns the store: a real server may hold other streams and other
 * writers may append meanwhile. So every test uses stream ids of its own, reads the global log
 * only after a position it took at its start, and looks only at its own streams there.
 */

/** One store for one test, made afresh by the adapter's factory. */
export interface EventStoreFixture {
  store: EventStore;
  /**
   * Opens a new store over the same data, as a restarted process would. The suite closes the
   * store it was using before calling it.
   */
  reopen?: () => Promise<EventStore>;
  /** Closes every store the fixture opened (closing twice must be harmless) and removes its data. */
  dispose: () => Promise<void>;
}

export interface EventStoreContractOptions {
  /**
   * Whether an event id stored in one stream is refused in another (`DuplicateEventIdError`).
   * EventStoreDB checks ids only within a stream's recent appends, so its adapter opts out.
   * Default true.
   */
  uniqueEventIdsAcrossStreams?: boolean;
  /**
   * Whether data survives closing and reopening the store; when true the factory must give
   * `reopen`. Default true.
   */
  durable?: boolean;
  /** Longest wait for a subscription to deliver something before the test fails. Default 5s. */
  waitMs?: number;
  /** Jest timeout of each test. Default 20s. */
  testTimeoutMs?: number;
}

export function describeEventStoreContract(
  adapterName: string,
  factory: () => Promise<EventStoreFixture>,
  options: EventStoreContractOptions = {},
): void {
  const uniqueEventIdsAcrossStreams = options.uniqueEventIdsAcrossStreams ?? true;
  const durable = options.durable ?? true;
  const waitMs = options.waitMs ?? 5_000;
  const timeout = options.testTimeoutMs ?? 20_000;

  describe(`${adapterName} event store (port contract)`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    /** Stream ids of the running test start with it, so its own events can be told apart. */
    let prefix: string;
    let recorders: Recorder[];

    const stream = (name: string) => `${prefix}-${name}`;
    const ours = (events: StoredEvent[]) => events.filter((e) => e.streamId.startsWith(`${prefix}-`));
    const record = (source: Observable<SubscriptionMessage>, onEvent?: (event: StoredEvent) => void) => {
      const on = store;
      const recorder = new Recorder(source, prefix, waitMs, (a, b) => on.comparePositions(a, b), onEvent);
      recorders.push(recorder);
      return recorder;
    };
    /** A position at the end of the global log now: every later append comes after it. */
    const mark = async (on: EventStore = store) =>
      (await on.append(`contract-mark-${randomUUID()}`, [newEvent('Marked')], 'no_stream')).position;
    /** Our events in the global log after the position, in log order. */
    const ourLog = async (after: GlobalPosition, on: EventStore = store) => ours(await collect(on.readAll({ after })));

    beforeEach(async () => {
      fixture = await factory();
      store = fixture.store;
      prefix = `contract-${randomUUID()}`;
      recorders = [];
    });

    afterEach(async () => {
      recorders.forEach((recorder) => recorder.unsubscribe());
      await fixture.dispose();
    });

    describe('append', () => {
      it(
        'starts a new stream at revision 0 when expecting no_stream',
        async () => {
          const s = stream('new');
          const event = newEvent();

          const result = await store.append(s, [event], 'no_stream');

          expect(result.nextRevision).toBe(0);
          const stored = await collect(store.readStream(s));
          expect(stored).toHaveLength(1);
          expect(stored[0]).toMatchObject({ id: event.id, streamId: s, revision: 0, position: result.position });
        },
        timeout,
      );

      it(
        'gives the events of one append consecutive revisions and answers the last one’s revision and position',
        async () => {
          const s = stream('batch');
          await store.append(s, [newEvent()], 'no_stream');
          const batch = [newEvent('A'), newEvent('B'), newEvent('C')];

          const result = await store.append(s, batch, 0);

          expect(result.nextRevision).toBe(3);
          const stored = await collect(store.readStream(s));
          expect(stored.map((e) => [e.id, e.revision])).toEqual([
            [stored[0].id, 0],
            [batch[0].id, 1],
            [batch[1].id, 2],
            [batch[2].id, 3],
          ]);
          expect(stored[3].position).toBe(result.position);
          expectIncreasing(
            store,
            stored.map((e) => e.position),
          );
        },
        timeout,
      );

      it(
        'places every append after the previous ones in the global log, whatever the stream',
        async () => {
          const results: AppendResult[] = [];
          results.push(await store.append(stream('a'), [newEvent()], 'no_stream'));
          results.push(await store.append(stream('b'), [newEvent(), newEvent()], 'no_stream'));
          results.push(await store.append(stream('a'), [newEvent()], 0));
          results.push(await store.append(stream('c'), [newEvent()], 'any'));

          expectIncreasing(
            store,
            results.map((r) => r.position),
          );
          expect(store.comparePositions(results[0].position, results[0].position)).toBe(0);
        },
        timeout,
      );
    });

    describe('expected revision', () => {
      it(
        'accepts the stream’s exact current revision',
        async () => {
          const s = stream('exact');
          await store.append(s, [newEvent(), newEvent()], 'no_stream');

          const result = await store.append(s, [newEvent()], 1);

          expect(result.nextRevision).toBe(2);
        },
        timeout,
      );

      it(
        'answers a stale expected revision with WrongExpectedRevisionError and stores nothing',
        async () => {
          const s = stream('stale');
          await store.append(s, [newEvent(), newEvent()], 'no_stream');
          const start = await mark();

          const error = await failure(store.append(s, [newEvent(), newEvent()], 0));

          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId: s, expected: 0, actual: 1 });
          expect(await collect(store.readStream(s))).toHaveLength(2);
          expect(await ourLog(start)).toEqual([]);
        },
        timeout,
      );

      it(
        'answers a revision ahead of the stream with WrongExpectedRevisionError and stores nothing',
        async () => {
          const s = stream('ahead');
          await store.append(s, [newEvent()], 'no_stream');

          const error = await failure(store.append(s, [newEvent()], 5));

          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId: s, expected: 5, actual: 0 });
          expect(await collect(store.readStream(s))).toHaveLength(1);
        },
        timeout,
      );

      it(
        'answers no_stream on an existing stream with WrongExpectedRevisionError and stores nothing',
        async () => {
          const s = stream('exists');
          await store.append(s, [newEvent()], 'no_stream');

          const error = await failure(store.append(s, [newEvent()], 'no_stream'));

          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId: s, expected: 'no_stream', actual: 0 });
          expect(await collect(store.readStream(s))).toHaveLength(1);
        },
        timeout,
      );

      it(
        'answers stream_exists on a missing stream with WrongExpectedRevisionError and creates nothing',
        async () => {
          const s = stream('missing');
          const start = await mark();

          const error = await failure(store.append(s, [newEvent()], 'stream_exists'));

          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId: s, expected: 'stream_exists', actual: 'no_stream' });
          expect(await collect(store.readStream(s))).toEqual([]);
          expect(await ourLog(start)).toEqual([]);
        },
        timeout,
      );

      it(
        'answers a revision on a missing stream with WrongExpectedRevisionError and creates nothing',
        async () => {
          const s = stream('missing');

          const error = await failure(store.append(s, [newEvent()], 0));

          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamId: s, expected: 0, actual: 'no_stream' });
          expect(await collect(store.readStream(s))).toEqual([]);
        },
        timeout,
      );

      it(
        'accepts stream_exists on an existing stream',
        async () => {
          const s = stream('exists');
          await store.append(s, [newEvent()], 'no_stream');

          expect((await store.append(s, [newEvent()], 'stream_exists')).nextRevision).toBe(1);
        },
        timeout,
      );

      it(
        'accepts any whether or not the stream exists',
        async () => {
          const s = stream('any');

          expect((await store.append(s, [newEvent()], 'any')).nextRevision).toBe(0);
          expect((await store.append(s, [newEvent(), newEvent()], 'any')).nextRevision).toBe(2);
          expect(await collect(store.readStream(s))).toHaveLength(3);
        },
        timeout,
      );

      it(
        'lets exactly one of several concurrent appends at the same expected revision succeed (no lost update)',
        async () => {
          const s = stream('race');
          await store.append(s, [newEvent()], 'no_stream');
          const attempts = Array.from({ length: 5 }, () => [newEvent('Raced')]);

          const outcomes = await Promise.allSettled(attempts.map((events) => store.append(s, events, 0)));

          const won = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [{ result: o.value, i }] : []));
          const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
          expect(won).toHaveLength(1);
          expect(won[0].result.nextRevision).toBe(1);
          expect(lost).toHaveLength(attempts.length - 1);
          for (const error of lost) {
            expect(error).toBeInstanceOf(WrongExpectedRevisionError);
            expect(error).toMatchObject({ streamId: s, expected: 0, actual: 1 });
          }
          const stored = await collect(store.readStream(s));
          expect(stored.map((e) => e.id)).toEqual([stored[0].id, attempts[won[0].i][0].id]);
        },
        timeout,
      );

      it(
        'lets exactly one of two concurrent first appends expecting no_stream create the stream',
        async () => {
          const s = stream('race');
          const outcomes = await Promise.allSettled([
            store.append(s, [newEvent()], 'no_stream'),
            store.append(s, [newEvent()], 'no_stream'),
          ]);

          expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
          const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(rejected?.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(await collect(store.readStream(s))).toHaveLength(1);
        },
        timeout,
      );
    });

    describe('idempotent retry', () => {
      it(
        'answers a retry of a stored append with the original result and stores nothing new',
        async () => {
          const s = stream('retry');
          const first = [newEvent()];
          const second = [newEvent(), newEvent()];
          const firstResult = await store.append(s, first, 'no_stream');
          const secondResult = await store.append(s, second, 0);
          const start = await mark();

          expect(await store.append(s, first, 'no_stream')).toEqual(firstResult);
          expect(await store.append(s, second, 0)).toEqual(secondResult);

          expect(await collect(store.readStream(s))).toHaveLength(3);
          expect(await ourLog(start)).toEqual([]);
        },
        timeout,
      );

      it(
        'answers a retry with the original result even after the stream moved on',
        async () => {
          const s = stream('retry');
          await store.append(s, [newEvent()], 'no_stream');
          const retried = [newEvent(), newEvent()];
          const original = await store.append(s, retried, 0);
          await store.append(s, [newEvent()], 2);
          const start = await mark();

          expect(await store.append(s, retried, 0)).toEqual(original);

          expect(await collect(store.readStream(s))).toHaveLength(4);
          expect(await ourLog(start)).toEqual([]);
        },
        timeout,
      );

      it(
        'answers a retry of an append that expected any with the original result',
        async () => {
          const s = stream('retry');
          const events = [newEvent()];
          const original = await store.append(s, events, 'any');

          expect(await store.append(s, events, 'any')).toEqual(original);
          expect(await collect(store.readStream(s))).toHaveLength(1);
        },
        timeout,
      );

      (uniqueEventIdsAcrossStreams ? it : it.skip)(
        'refuses an event id already stored in another stream with DuplicateEventIdError and stores nothing',
        async () => {
          const event = newEvent();
          await store.append(stream('first'), [event], 'no_stream');
          const start = await mark();

          const error = await failure(store.append(stream('second'), [event], 'no_stream'));

          expect(error).toBeInstanceOf(DuplicateEventIdError);
          expect(error).toMatchObject({ eventId: event.id });
          expect(await collect(store.readStream(stream('second')))).toEqual([]);
          expect(await ourLog(start)).toEqual([]);
        },
        timeout,
      );
    });

    describe('concurrent appends (committed together where the store groups commits)', () => {
      const CONCURRENT = 32;
      const many = <T>(make: (i: number) => T) => Array.from({ length: CONCURRENT }, (_, i) => make(i));

      it(
        'commits concurrent appends to different streams, each at its own expected revision',
        async () => {
          const existing = many((i) => stream(`existing-${i}`));
          for (const s of existing) await store.append(s, [newEvent()], 'no_stream');
          const fresh = many((i) => stream(`fresh-${i}`));
          const appends = [
            ...existing.map((s) => ({ s, events: [newEvent()], expected: 0 as ExpectedRevision })),
            ...fresh.map((s) => ({ s, events: [newEvent(), newEvent()], expected: 'no_stream' as ExpectedRevision })),
          ];

          const results = await Promise.all(
            appends.map(({ s, events, expected }) => store.append(s, events, expected)),
          );

          expect(results.map((r) => r.nextRevision)).toEqual(appends.map(() => 1));
          for (const { s, events } of appends) {
            expect((await collect(store.readStream(s))).slice(-events.length).map((e) => e.id)).toEqual(
              events.map((e) => e.id),
            );
          }
        },
        timeout,
      );

      it(
        'fails only the appends at a stale expected revision, never their concurrent neighbours',
        async () => {
          const contested = stream('contested');
          await store.append(contested, [newEvent()], 'no_stream');
          // Contested appends and appends to streams of their own, interleaved.
          const appends = many((i) =>
            i % 2 === 0
              ? { s: contested, events: [newEvent('Raced')], expected: 0 as ExpectedRevision }
              : { s: stream(`neighbour-${i}`), events: [newEvent()], expected: 'no_stream' as ExpectedRevision },
          );

          const outcomes = await Promise.allSettled(
            appends.map(({ s, events, expected }) => store.append(s, events, expected)),
          );

          const raced = outcomes.filter((_, i) => appends[i].s === contested);
          expect(raced.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
          for (const o of raced.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
            expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
            expect(o.reason).toMatchObject({ streamId: contested, expected: 0, actual: 1 });
          }
          expect(outcomes.filter((o, i) => appends[i].s !== contested && o.status === 'fulfilled')).toHaveLength(
            CONCURRENT / 2,
          );
          expect(await collect(store.readStream(contested))).toHaveLength(2);
        },
        timeout,
      );

      (uniqueEventIdsAcrossStreams ? it : it.skip)(
        'fails only the append whose event id another stream holds, not its concurrent neighbours',
        async () => {
          const taken = newEvent();
          await store.append(stream('owner'), [taken], 'no_stream');
          const appends = many((i) => ({ s: stream(`s-${i}`), events: [i === 7 ? taken : newEvent()] }));

          const outcomes = await Promise.allSettled(
            appends.map(({ s, events }) => store.append(s, events, 'no_stream')),
          );

          expect(outcomes[7]).toMatchObject({ status: 'rejected', reason: expect.any(DuplicateEventIdError) });
          expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(CONCURRENT - 1);
          expect(await collect(store.readStream(stream('s-7')))).toEqual([]);
        },
        timeout,
      );

      it(
        'answers a retry sent alongside its original with the same result, storing the events once',
        async () => {
          const s = stream('retried');
          const events = [newEvent(), newEvent()];
          const neighbour = newEvent();

          const [original, neighbourResult, retry] = await Promise.all([
            store.append(s, events, 'no_stream'),
            store.append(stream('neighbour'), [neighbour], 'no_stream'),
            store.append(s, events, 'no_stream'),
          ]);

          expect(retry).toEqual(original);
          expect(neighbourResult.nextRevision).toBe(0);
          expect((await collect(store.readStream(s))).map((e) => e.id)).toEqual(events.map((e) => e.id));
        },
        timeout,
      );

      it(
        'delivers concurrent appends to a live subscription once each, in log order',
        async () => {
          const start = await mark();
          const recorder = record(store.subscribeToAll({ after: start }));
          await recorder.until('caught up', () => recorder.caughtUpCount === 1);
          const events = many(() => newEvent());

          await Promise.all(events.map((event, i) => store.append(stream(`live-${i}`), [event], 'no_stream')));
          await recorder.until('every event', () => recorder.ourEvents().length === CONCURRENT);

          expect(recorder.outOfOrder).toEqual([]);
          expect(new Set(recorder.ourIds())).toEqual(new Set(events.map((e) => e.id)));
          expect(recorder.ourEvents()).toEqual(await ourLog(start));
        },
        timeout,
      );
    });

    describe('readStream', () => {
      it(
        'reads a stream’s events in revision order with everything that was appended',
        async () => {
          const s = stream('read');
          const events = [newEvent('First'), newEvent('Second'), newEvent('Third')];
          await store.append(s, events.slice(0, 1), 'no_stream');
          const last = await store.append(s, events.slice(1), 0);
          await store.append(stream('other'), [newEvent()], 'no_stream');

          const stored = await collect(store.readStream(s));

          expect(stored).toEqual(
            events.map((e, revision) => ({ ...e, streamId: s, revision, position: expect.any(String) })),
          );
          expect(stored[2].position).toBe(last.position);
          expectIncreasing(
            store,
            stored.map((e) => e.position),
          );
        },
        timeout,
      );

      it(
        'round-trips nested JSON and unicode in data and metadata unchanged',
        async () => {
          const s = stream('json');
          const data = {
            title: 'Ōkami — 大神 🐺',
            combining: 'e\u0301 vs é',
            quotes: `"double" 'single' \\ back\nslash\ttab`,
            nested: { list: [1, 2.5, -3, 0, true, false, null, 'x'], deeper: { empty: {}, none: [] } },
            big: 9007199254740991,
            nothing: null,
          };
          const metadata = {
            claimedBy: 'Zoë Ångström',
            source: { url: 'https://example.org/ü?q=ß&x=1' },
            tags: ['日本', '🎬'],
          };
          const start = await mark();
          await store.append(s, [{ id: randomUUID(), type: 'Ünïcode.Typed', data, metadata }], 'no_stream');

          const [stored] = await collect(store.readStream(s));

          expect(stored.type).toBe('Ünïcode.Typed');
          expect(stored.data).toStrictEqual(data);
          expect(stored.metadata).toStrictEqual(metadata);
          const [logged] = await ourLog(start);
          expect(logged.data).toStrictEqual(data);
          expect(logged.metadata).toStrictEqual(metadata);
        },
        timeout,
      );

      it(
        'reads a missing stream as empty',
        async () => {
          expect(await collect(store.readStream(stream('missing')))).toEqual([]);
        },
        timeout,
      );

      it(
        'reads from the given revision on',
        async () => {
          const s = stream('from');
          await store.append(s, [newEvent(), newEvent(), newEvent()], 'no_stream');

          expect((await collect(store.readStream(s, { fromRevision: 0 }))).map((e) => e.revision)).toEqual([0, 1, 2]);
          expect((await collect(store.readStream(s, { fromRevision: 1 }))).map((e) => e.revision)).toEqual([1, 2]);
          expect((await collect(store.readStream(s, { fromRevision: 2 }))).map((e) => e.revision)).toEqual([2]);
          expect(await collect(store.readStream(s, { fromRevision: 3 }))).toEqual([]);
        },
        timeout,
      );

      it(
        'lets the caller append while it is still reading a stream',
        async () => {
          const s = stream('reading');
          const other = stream('written');
          await store.append(s, [newEvent(), newEvent(), newEvent()], 'no_stream');

          const revisions: StreamRevision[] = [];
          for await (const event of store.readStream(s)) {
            revisions.push(event.revision);
            await store.append(other, [newEvent()], 'any');
          }

          expect(revisions).toEqual([0, 1, 2]);
          expect(await collect(store.readStream(other))).toHaveLength(3);
        },
        timeout,
      );

      it(
        'reads two streams at once, interleaved',
        async () => {
          const a = stream('a');
          const b = stream('b');
          await store.append(a, [newEvent(), newEvent()], 'no_stream');
          await store.append(b, [newEvent(), newEvent()], 'no_stream');

          const readA = store.readStream(a)[Symbol.asyncIterator]();
          const readB = store.readStream(b)[Symbol.asyncIterator]();
          const steps: Array<[string, StreamRevision] | 'done'> = [];
          for (const reader of [readA, readB, readA, readB, readA, readB]) {
            const step = await reader.next();
            steps.push(step.done ? 'done' : [step.value.streamId, step.value.revision]);
          }

          expect(steps).toEqual([[a, 0], [b, 0], [a, 1], [b, 1], 'done', 'done']);
        },
        timeout,
      );
    });

    it(
      'reads and delivers a stream longer than any page (1,100 events) completely and in order',
      async () => {
        const s = stream('long');
        const start = await mark();
        const events = Array.from({ length: 1_100 }, () => newEvent());
        await store.append(s, events.slice(0, 600), 'no_stream');
        await store.append(s, events.slice(600), 599);
        const ids = events.map((e) => e.id);

        const stored = await collect(store.readStream(s));
        expect(stored.map((e) => e.id)).toEqual(ids);
        expect(stored.map((e) => e.revision)).toEqual(events.map((_, i) => i));
        expect((await collect(store.readStream(s, { fromRevision: 550 }))).map((e) => e.id)).toEqual(ids.slice(550));
        expect((await ourLog(start)).map((e) => e.id)).toEqual(ids);
        const recorder = record(store.subscribeToAll({ after: start }));
        await recorder.until('caught up', () => recorder.caughtUpCount === 1);
        expect(recorder.ourIds()).toEqual(ids);
        expect(recorder.outOfOrder).toEqual([]);
      },
      timeout,
    );

    describe('identity and end of the log', () => {
      it(
        'keeps one identity, asked again and again, and gives another store another',
        async () => {
          const id = await store.identity();
          const other = await factory();
          try {
            expect(await store.identity()).toBe(id);
            expect(id).toMatch(/\S{8,}/);
            expect(await other.store.identity()).not.toBe(id);
          } finally {
            await other.dispose();
          }
        },
        timeout,
      );

      it(
        'gives the event at a position of the log, that one and not the next',
        async () => {
          const marked = await mark();
          const [first, second] = [newEvent(), newEvent()];
          const { position } = await store.append(stream('at'), [first, second], 'no_stream');
          const [stored] = await collect(store.readAll({ after: marked, maxCount: 1 }));

          expect((await store.eventAt(marked))?.type).toBe('Marked');
          expect((await store.eventAt(stored.position))?.id).toBe(first.id);
          expect(await store.eventAt(position)).toMatchObject({ id: second.id, position, streamId: stream('at') });
        },
        timeout,
      );

      it(
        'ends the log at the last event appended',
        async () => {
          await mark();
          const { position } = await store.append(stream('last'), [newEvent(), newEvent()], 'no_stream');

          expect(await store.lastPosition()).toBe(position);
        },
        timeout,
      );
    });

    describe('readAll', () => {
      it(
        'reads the global log in append order across streams, at the positions the appends answered',
        async () => {
          const start = await mark();
          const [a, b] = [stream('a'), stream('b')];
          const a0 = newEvent();
          const [b0, b1] = [newEvent(), newEvent()];
          const a1 = newEvent();
          const r1 = await store.append(a, [a0], 'no_stream');
          const r2 = await store.append(b, [b0, b1], 'no_stream');
          const r3 = await store.append(a, [a1], 0);

          const log = await ourLog(start);

          expect(log.map((e) => [e.id, e.streamId, e.revision])).toEqual([
            [a0.id, a, 0],
            [b0.id, b, 0],
            [b1.id, b, 1],
            [a1.id, a, 1],
          ]);
          expect([log[0].position, log[2].position, log[3].position]).toEqual([r1.position, r2.position, r3.position]);
          expectIncreasing(
            store,
            log.map((e) => e.position),
          );
          expect(log[1]).toEqual((await collect(store.readStream(b)))[0]);
        },
        timeout,
      );

      it(
        'starts right after the given position, excluding the event at it',
        async () => {
          const s = stream('after');
          const events = [newEvent(), newEvent(), newEvent()];
          await store.append(s, events, 'no_stream');
          const [first] = await collect(store.readStream(s));

          const log = await ourLog(first.position);

          expect(log.map((e) => e.id)).toEqual([events[1].id, events[2].id]);
          for (const event of await collect(store.readAll({ after: first.position }))) {
            expect(store.comparePositions(event.position, first.position)).toBeGreaterThan(0);
          }
        },
        timeout,
      );

      it(
        'reads from the start of the log when no position is given',
        async () => {
          const s = stream('start');
          const event = newEvent();
          const { position } = await store.append(s, [event], 'no_stream');

          const log: StoredEvent[] = [];
          for await (const e of store.readAll()) {
            log.push(e);
            if (e.id === event.id) break;
          }

          expect(log.at(-1)).toMatchObject({ id: event.id, position });
          expectIncreasing(
            store,
            log.map((e) => e.position),
          );
        },
        timeout,
      );

      it(
        'stops after maxCount events',
        async () => {
          const start = await mark();
          await store.append(stream('a'), [newEvent(), newEvent()], 'no_stream');
          await store.append(stream('b'), [newEvent()], 'no_stream');
          const everything = await collect(store.readAll({ after: start }));

          const two = await collect(store.readAll({ after: start, maxCount: 2 }));
          const one = await collect(store.readAll({ after: start, maxCount: 1 }));

          expect(two).toEqual(everything.slice(0, 2));
          expect(one).toEqual(everything.slice(0, 1));
        },
        timeout,
      );

      it(
        'lets the caller append while it is still reading the global log',
        async () => {
          const start = await mark();
          await store.append(stream('read'), [newEvent(), newEvent()], 'no_stream');
          const written = stream('written');

          const read: StoredEvent[] = [];
          for await (const event of store.readAll({ after: start, maxCount: 2 })) {
            read.push(event);
            await store.append(written, [newEvent()], 'any');
          }

          expect(read).toHaveLength(2);
          expect(await collect(store.readStream(written))).toHaveLength(2);
        },
        timeout,
      );
    });

    describe('subscribeToAll', () => {
      it(
        'delivers the existing events, then caughtUp once, then live events in order without duplicates',
        async () => {
          const start = await mark();
          const [a, b] = [stream('a'), stream('b')];
          const before = [newEvent(), newEvent()];
          await store.append(a, before, 'no_stream');
          const beforeB = newEvent();
          await store.append(b, [beforeB], 'no_stream');

          const recorder = record(store.subscribeToAll());
          await recorder.until('caught up', () => recorder.caughtUpCount === 1);
          expect(recorder.ourIds()).toEqual([...before.map((e) => e.id), beforeB.id]);

          const live = [newEvent(), newEvent()];
          const liveB = newEvent();
          await store.append(a, live, 1);
          await store.append(b, [liveB], 0);
          await recorder.until('live events', () => recorder.ourIds().includes(liveB.id));

          const expected = [...before, beforeB, ...live, liveB].map((e) => e.id);
          expect(recorder.ourIds()).toEqual(expected);
          expect(recorder.ours().map((m) => (m.kind === 'caughtUp' ? 'caughtUp' : m.event.id))).toEqual([
            ...expected.slice(0, 3),
            'caughtUp',
            ...expected.slice(3),
          ]);
          expect(recorder.caughtUpCount).toBe(1);
          expect(recorder.outOfOrder).toEqual([]);
          expect(recorder.ourEvents()).toEqual(await ourLog(start));
        },
        timeout,
      );

      it(
        'resumes after a checkpoint with only the later events',
        async () => {
          const s = stream('resume');
          const events = [newEvent(), newEvent(), newEvent()];
          await store.append(s, events, 'no_stream');
          const [first] = await collect(store.readStream(s));

          const recorder = record(store.subscribeToAll({ after: first.position }));
          await recorder.until('caught up', () => recorder.caughtUpCount === 1);
          expect(recorder.ourIds()).toEqual([events[1].id, events[2].id]);

          const later = newEvent();
          await store.append(s, [later], 2);
          await recorder.until('the later event', () => recorder.ourIds().includes(later.id));

          expect(recorder.ourIds()).toEqual([events[1].id, events[2].id, later.id]);
          expect(recorder.outOfOrder).toEqual([]);
          for (const event of recorder.allEvents) {
            expect(store.comparePositions(event.position, first.position)).toBeGreaterThan(0);
          }
        },
        timeout,
      );

      it(
        'resumes from the last delivered event’s position without delivering it again',
        async () => {
          const s = stream('checkpoint');
          await store.append(s, [newEvent(), newEvent()], 'no_stream');
          const firstRun = record(store.subscribeToAll());
          await firstRun.until('caught up', () => firstRun.caughtUpCount === 1);
          const checkpoint = firstRun.allEvents.at(-1)!.position;
          firstRun.unsubscribe();
          const missed = newEvent();
          await store.append(s, [missed], 1);

          const secondRun = record(store.subscribeToAll({ after: checkpoint }));
          await secondRun.until('caught up', () => secondRun.caughtUpCount === 1);

          expect(secondRun.ourIds()).toEqual([missed.id]);
          expect(firstRun.ourIds()).not.toContain(missed.id);
        },
        timeout,
      );

      it(
        'stops delivering after unsubscribe',
        async () => {
          const s = stream('stop');
          const start = await mark();
          const stopped = record(store.subscribeToAll({ after: start }));
          await stopped.until('caught up', () => stopped.caughtUpCount === 1);

          stopped.unsubscribe();
          const unseen = newEvent();
          await store.append(s, [unseen], 'no_stream');
          // A second subscriber getting the event shows it was delivered to whoever listened.
          const witness = record(store.subscribeToAll({ after: start }));
          await witness.until('the event', () => witness.ourIds().includes(unseen.id));
          await pause(100);

          expect(stopped.messages.filter((m) => m.kind === 'event')).toHaveLength(0);
          expect(stopped.caughtUpCount).toBe(1);
        },
        timeout,
      );

      it(
        'delivers to a subscriber the events it appends while handling one, after it',
        async () => {
          const trigger = stream('trigger');
          const reaction = stream('reaction');
          const start = await mark();
          const reactions: Promise<AppendResult>[] = [];
          const recorder = record(store.subscribeToAll({ after: start }), (event) => {
            if (event.streamId === trigger) reactions.push(store.append(reaction, [newEvent('Reacted')], 'any'));
          });
          await recorder.until('caught up', () => recorder.caughtUpCount === 1);

          const cause = newEvent();
          await store.append(trigger, [cause], 'no_stream');
          await recorder.until('the reaction', () => recorder.ourEvents().some((e) => e.streamId === reaction));
          await Promise.all(reactions);

          expect(reactions).toHaveLength(1);
          expect(recorder.ourEvents().map((e) => e.streamId)).toEqual([trigger, reaction]);
          expect(recorder.outOfOrder).toEqual([]);
        },
        timeout,
      );

      it(
        'serves several subscribers independently',
        async () => {
          const s = stream('shared');
          const start = await mark();
          const early = record(store.subscribeToAll({ after: start }));
          await early.until('caught up', () => early.caughtUpCount === 1);
          const event = newEvent();
          await store.append(s, [event], 'no_stream');
          const late = record(store.subscribeToAll({ after: start }));

          await early.until('the event', () => early.ourIds().includes(event.id));
          await late.until('caught up', () => late.caughtUpCount === 1);

          expect(early.ourIds()).toEqual([event.id]);
          expect(late.ourIds()).toEqual([event.id]);
          expect(late.ours().map((m) => m.kind)).toEqual(['event', 'caughtUp']);
          expect(early.ours().map((m) => m.kind)).toEqual(['caughtUp', 'event']);
        },
        timeout,
      );
    });

    (durable ? describe : describe.skip)('durability across restart', () => {
      const reopen = async () => {
        if (!fixture.reopen) throw new Error(`${adapterName}: the factory gave no reopen; pass { durable: false }`);
        await store.close();
        store = await fixture.reopen();
        return store;
      };

      it(
        'keeps its identity through closing and reopening the store',
        async () => {
          const id = await store.identity();

          expect(await (await reopen()).identity()).toBe(id);
        },
        timeout,
      );

      it(
        'keeps every acknowledged concurrent append through closing and reopening the store',
        async () => {
          const appends = Array.from({ length: 32 }, (_, i) => ({ s: stream(`kept-${i}`), events: [newEvent()] }));
          await Promise.all(appends.map(({ s, events }) => store.append(s, events, 'no_stream')));

          const reopened = await reopen();

          for (const { s, events } of appends) {
            expect((await collect(reopened.readStream(s))).map((e) => e.id)).toEqual(events.map((e) => e.id));
          }
        },
        timeout,
      );

      it(
        'keeps every appended event through closing and reopening the store',
        async () => {
          const start = await mark();
          const s = stream('durable');
          const events = [newEvent(), newEvent()];
          const result = await store.append(s, events, 'no_stream');
          await store.append(stream('other'), [newEvent()], 'no_stream');
          const streamBefore = await collect(store.readStream(s));
          const logBefore = await ourLog(start);

          await reopen();

          expect(await collect(store.readStream(s))).toEqual(streamBefore);
          expect(await ourLog(start)).toEqual(logBefore);
          expect(await store.append(s, events, 'no_stream')).toEqual(result);
          const next = await store.append(s, [newEvent()], 1);
          expect(next.nextRevision).toBe(2);
          expect(store.comparePositions(next.position, logBefore.at(-1)!.position)).toBeGreaterThan(0);
          await expect(store.append(s, [newEvent()], 1)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        },
        timeout,
      );

      it(
        'resumes a subscription from a checkpoint after reopening the store',
        async () => {
          const s = stream('durable');
          const start = await mark();
          await store.append(s, [newEvent()], 'no_stream');
          const before = record(store.subscribeToAll({ after: start }));
          await before.until('caught up', () => before.caughtUpCount === 1);
          const checkpoint = before.ourEvents().at(-1)!.position;
          before.unsubscribe();
          const whileDown = newEvent();
          await store.append(s, [whileDown], 0);

          await reopen();
          const after = record(store.subscribeToAll({ after: checkpoint }));
          await after.until('caught up', () => after.caughtUpCount === 1);
          const live = newEvent();
          await store.append(s, [live], 1);
          await after.until('the live event', () => after.ourIds().includes(live.id));

          expect(after.ours().map((m) => (m.kind === 'caughtUp' ? 'caughtUp' : m.event.id))).toEqual([
            whileDown.id,
            'caughtUp',
            live.id,
          ]);
          expect(after.outOfOrder).toEqual([]);
        },
        timeout,
      );
    });

    /** Positions must go strictly up, by the store's own comparison. */
    function expectIncreasing(on: EventStore, positions: GlobalPosition[]): void {
      positions.slice(1).forEach((position, i) => {
        expect(on.comparePositions(positions[i], position)).toBeLessThan(0);
        expect(on.comparePositions(position, positions[i])).toBeGreaterThan(0);
      });
    }
  });
}

/** An event with a fresh UUID (EventStoreDB takes nothing else for ids). */
function newEvent(type = 'Happened'): EventToAppend {
  return {
    id: randomUUID(),
    type,
    data: { at: new Date().toISOString(), n: Math.random() },
    metadata: { by: 'contract' },
  };
}

/** What the promise rejected with; fails when it resolves. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Records what a subscription delivers, keeping the test's own events and the caughtUp markers,
 * and lets the test wait, boundedly, until something has arrived.
 */
class Recorder {
  /** The test's events and every caughtUp, in arrival order. */
  readonly messages: SubscriptionMessage[] = [];
  /** Every delivered event, the test's or not, in arrival order (id and position only). */
  readonly allEvents: Array<{ id: string; position: GlobalPosition }> = [];
  /** Pairs of consecutive deliveries whose positions did not go up. */
  readonly outOfOrder: Array<[GlobalPosition, GlobalPosition]> = [];
  caughtUpCount = 0;
  private error: unknown;
  private readonly checks = new Set<() => void>();
  private readonly subscription: Subscription;

  constructor(
    source: Observable<SubscriptionMessage>,
    private readonly prefix: string,
    private readonly waitMs: number,
    compare: (a: GlobalPosition, b: GlobalPosition) => number,
    onEvent?: (event: StoredEvent) => void,
  ) {
    this.subscription = source.subscribe({
      next: (message) => {
        if (message.kind === 'caughtUp') {
          this.caughtUpCount += 1;
          this.messages.push(message);
        } else {
          const previous = this.allEvents.at(-1);
          this.allEvents.push({ id: message.event.id, position: message.event.position });
          if (previous && compare(previous.position, message.event.position) >= 0) {
            this.outOfOrder.push([previous.position, message.event.position]);
          }
          if (message.event.streamId.startsWith(`${this.prefix}-`)) {
            this.messages.push(message);
            onEvent?.(message.event);
          }
        }
        this.checks.forEach((check) => check());
      },
      error: (error: unknown) => {
        this.error = error ?? new Error('subscription failed');
        this.checks.forEach((check) => check());
      },
    });
  }

  ours(): SubscriptionMessage[] {
    return this.messages;
  }

  ourEvents(): StoredEvent[] {
    return this.messages.flatMap((m) => (m.kind === 'event' ? [m.event] : []));
  }

  ourIds(): string[] {
    return this.ourEvents().map((e) => e.id);
  }

  /** Resolves once `done()` holds; fails after the wait limit or when the subscription errs. */
  until(what: string, done: () => boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.error !== undefined) finish(() => reject(this.error));
        else if (done()) finish(resolve);
      };
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new Error(
                `waited ${this.waitMs} ms for ${what}; got ${JSON.stringify(
                  this.messages.map((m) =>
                    m.kind === 'caughtUp' ? 'caughtUp' : `${m.event.streamId}@${m.event.revision}`,
                  ),
                )}`,
              ),
            ),
          ),
        this.waitMs,
      );
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        this.checks.delete(check);
        settle();
      };
      this.checks.add(check);
      check();
    });
  }

  unsubscribe(): void {
    this.subscription.unsubscribe();
  }
}
