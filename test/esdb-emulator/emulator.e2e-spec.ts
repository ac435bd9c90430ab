/**
 * The emulator driven by the real client (@eventstore/db-client) over real gRPC, plus a few raw
 * protocol checks through the client's generated gRPC stubs where the client hides the details
 * (filtered $all reads, the exact order of subscription messages).
 */
import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  MaxAppendSizeExceededError,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  binaryEvent,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type Position,
  type ResolvedEvent,
  type StreamSubscription,
} from '@eventstore/db-client';
import { credentials } from '@grpc/grpc-js';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { EsdbEmulator, startEsdbEmulator } from './emulator';

const WAIT_MS = 5_000;

/** Resolves when `condition` holds, fails after WAIT_MS saying what was awaited. */
async function eventually<T>(what: string, condition: () => T | undefined | false): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
const event = (type: string, data: Record<string, unknown> = {}) => jsonEvent({ type, data });

type Seen = { kind: 'event'; event: ResolvedEvent } | { kind: 'caughtUp' } | { kind: 'checkpoint'; position: Position };

/** Records what a subscription delivers, in arrival order. */
function watch(subscription: AllStreamSubscription | StreamSubscription, seen: Seen[] = []) {
  const errors: unknown[] = [];
  subscription.on('data', (resolved: ResolvedEvent) => seen.push({ kind: 'event', event: resolved }));
  subscription.on('caughtUp', () => seen.push({ kind: 'caughtUp' }));
  subscription.on('error', (error: unknown) => errors.push(error));
  const events = (): ResolvedEvent[] => seen.flatMap((s) => (s.kind === 'event' ? [s.event] : []));
  return {
    seen,
    errors,
    events,
    types: () => events().map((e) => e.event?.type),
    caughtUp: () => seen.some((s) => s.kind === 'caughtUp'),
    /** Caught up and holding `count` events (the client may surface `caughtUp` before earlier `data`). */
    caughtUpWith: (count: number) => seen.some((s) => s.kind === 'caughtUp') && events().length >= count,
  };
}

describe('EventStoreDB emulator, through @eventstore/db-client', () => {
  let emulator: EsdbEmulator;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    emulator = await startEsdbEmulator();
    client = EventStoreDBClient.connectionString(emulator.connectionString);
  });
  afterAll(async () => {
    await client.dispose();
    await emulator.stop();
  });

  describe.each([
    ['Streams/BatchAppend', true],
    ['Streams/Append', false],
  ])('appending through %s', (method, batchAppend) => {
    let appender: EsdbEmulator;
    let writer: EventStoreDBClient;

    beforeAll(async () => {
      appender = await startEsdbEmulator({ batchAppend });
      writer = EventStoreDBClient.connectionString(appender.connectionString);
    });
    afterAll(async () => {
      await writer.dispose();
      await appender.stop();
    });

    it('is the method the client picks from the advertised server features', async () => {
      await writer.appendToStream(unique('pick'), event('Picked'));
      expect(appender.requestCounts()[method]).toBeGreaterThan(0);
      expect(appender.requestCounts()['ServerFeatures/GetSupportedMethods']).toBe(1);
    });

    it('accepts each expected-revision form and answers the next expected revision and a growing position', async () => {
      const stream = unique('forms');
      const first = await writer.appendToStream(stream, [event('A'), event('B')], { expectedRevision: NO_STREAM });
      const second = await writer.appendToStream(stream, event('C'), { expectedRevision: 1n });
      const third = await writer.appendToStream(stream, event('D'), { expectedRevision: STREAM_EXISTS });
      const fourth = await writer.appendToStream(stream, event('E'), { expectedRevision: ANY });
      expect([first, second, third, fourth].map((r) => r.nextExpectedRevision)).toEqual([1n, 2n, 3n, 4n]);
      const commits = [first, second, third, fourth].map((r) => r.position?.commit ?? -1n);
      expect([...commits].sort((a, b) => (a < b ? -1 : 1))).toEqual(commits);
      expect(new Set(commits).size).toBe(4);
      expect(first.position?.commit).toBe(first.position?.prepare);
    });

    it.each<[string, AppendExpectedRevision, boolean, AppendExpectedRevision, bigint | 'no_stream']>([
      ['no_stream on an existing stream', NO_STREAM, true, NO_STREAM, 1n],
      ['a revision behind the stream', 0n, true, 0n, 1n],
      ['a revision ahead of the stream', 5n, true, 5n, 1n],
      ['stream_exists on a missing stream', STREAM_EXISTS, false, STREAM_EXISTS, NO_STREAM],
      ['a revision on a missing stream', 0n, false, 0n, NO_STREAM],
    ])(
      'refuses %s with WrongExpectedVersionError(expected, actual)',
      async (_, expectedRevision, exists, expected, actual) => {
        const stream = unique('wev');
        if (exists) await writer.appendToStream(stream, [event('A'), event('B')]);
        const error = await writer.appendToStream(stream, event('X'), { expectedRevision }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(WrongExpectedVersionError);
        expect(error).toMatchObject({ streamName: stream, expectedVersion: expected, actualVersion: actual });
      },
    );

    it('acknowledges a retried append (same ids, same expected revision) with the original result and stores it once', async () => {
      const stream = unique('retry');
      await writer.appendToStream(stream, event('Before'));
      const batch = [event('One'), event('Two')];
      const original = await writer.appendToStream(stream, batch, { expectedRevision: 0n });
      await writer.appendToStream(stream, event('After'));
      const retried = await writer.appendToStream(stream, batch, { expectedRevision: 0n });
      expect(retried).toEqual(original);
      const types = (await collect(writer.readStream(stream))).map((e) => e.event?.type);
      expect(types).toEqual(['Before', 'One', 'Two', 'After']);
    });

    it('acknowledges a retried first append with no_stream, and a retried append with any', async () => {
      const stream = unique('retry-first');
      const batch = [event('One')];
      const original = await writer.appendToStream(stream, batch, { expectedRevision: NO_STREAM });
      expect(await writer.appendToStream(stream, batch, { expectedRevision: NO_STREAM })).toEqual(original);
      expect(await writer.appendToStream(stream, batch, { expectedRevision: ANY })).toEqual(original);
      expect(await collect(writer.readStream(stream))).toHaveLength(1);
    });

    it('refuses a retry whose ids only partly match what is stored', async () => {
      const stream = unique('retry-partial');
      const [one, two] = [event('One'), event('Two')];
      await writer.appendToStream(stream, [one, two], { expectedRevision: NO_STREAM });
      const error = await writer
        .appendToStream(stream, [one, event('Other')], { expectedRevision: NO_STREAM })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(await collect(writer.readStream(stream))).toHaveLength(2);
    });

    it('refuses an append larger than the maximum append size (1 MiB) with MaxAppendSizeExceededError', async () => {
      const big = binaryEvent({ type: 'Big', data: new Uint8Array(1024 * 1024 + 1) });
      const error = await writer.appendToStream(unique('big'), big).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect(error).toMatchObject({ maxAppendSize: 1024 * 1024 });
    });

    it('fails appends to a tombstoned stream with StreamDeletedError', async () => {
      const stream = unique('tombstoned');
      await writer.appendToStream(stream, event('A'));
      await writer.tombstoneStream(stream);
      const error = await writer.appendToStream(stream, event('B')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamDeletedError);
      expect(error).toMatchObject({ streamName: stream });
    });
  });

  describe('reading a stream', () => {
    const stream = unique('read');
    beforeAll(() =>
      client.appendToStream(
        stream,
        ['A', 'B', 'C', 'D', 'E'].map((t) => event(t)),
      ),
    );
    const typesOf = async (read: AsyncIterable<ResolvedEvent>) => (await collect(read)).map((e) => e.event?.type);

    it('reads forwards from the start, revisions in order', async () => {
      const events = await collect(client.readStream(stream));
      expect(events.map((e) => e.event?.type)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(events.map((e) => e.event?.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    });

    it('reads backwards from the end', async () => {
      expect(await typesOf(client.readStream(stream, { direction: BACKWARDS, fromRevision: END }))).toEqual([
        'E',
        'D',
        'C',
        'B',
        'A',
      ]);
    });

    it('reads from a revision inclusively in both directions, up to maxCount', async () => {
      expect(await typesOf(client.readStream(stream, { fromRevision: 2n }))).toEqual(['C', 'D', 'E']);
      expect(await typesOf(client.readStream(stream, { fromRevision: 1n, maxCount: 2 }))).toEqual(['B', 'C']);
      expect(await typesOf(client.readStream(stream, { fromRevision: 2n, direction: BACKWARDS }))).toEqual([
        'C',
        'B',
        'A',
      ]);
      expect(
        await typesOf(client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })),
      ).toEqual(['E']);
    });

    it('reads nothing past the last revision', async () => {
      expect(await collect(client.readStream(stream, { fromRevision: 10n }))).toEqual([]);
    });

    it('fails a missing stream with StreamNotFoundError', async () => {
      const missing = unique('missing');
      const error = await collect(client.readStream(missing)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect(error).toMatchObject({ streamName: missing });
    });
  });

  describe('reading $all', () => {
    let reader: EsdbEmulator;
    let all: EventStoreDBClient;
    let userEvents: AllStreamResolvedEvent[];

    beforeAll(async () => {
      reader = await startEsdbEmulator();
      all = EventStoreDBClient.connectionString(reader.connectionString);
      await all.appendToStream('invoice-1', [event('InvoiceIssued'), event('InvoicePaid')]);
      await all.appendToStream('order-1', event('OrderPlaced'));
      await all.appendToStream('invoice-2', event('InvoiceIssued'));
      userEvents = (await collect(all.readAll())).filter((e) => !e.event?.streamId.startsWith('$'));
    });
    afterAll(async () => {
      await all.dispose();
      await reader.stop();
    });
    const streamsOf = (events: AllStreamResolvedEvent[]) => events.map((e) => `${e.event?.streamId}/${e.event?.type}`);

    it('holds system events ($-prefixed streams and types) before the first user event', async () => {
      const events = await collect(all.readAll());
      expect(events[0].event?.streamId.startsWith('$')).toBe(true);
      expect(events.some((e) => e.event?.type === '$statsCollected')).toBe(true);
      expect(streamsOf(userEvents)).toEqual([
        'invoice-1/InvoiceIssued',
        'invoice-1/InvoicePaid',
        'order-1/OrderPlaced',
        'invoice-2/InvoiceIssued',
      ]);
    });

    it('gives every event commit = prepare positions, strictly increasing, equal to the event commit position', async () => {
      const events = await collect(all.readAll());
      const commits = events.map((e) => e.event?.position?.commit ?? -1n);
      commits.slice(1).forEach((commit, i) => expect(commit).toBeGreaterThan(commits[i]));
      for (const e of events) {
        expect(e.event?.position?.prepare).toBe(e.event?.position?.commit);
        expect(e.commitPosition).toBe(e.event?.position?.commit);
      }
    });

    it('reads backwards from the end in reverse order', async () => {
      const backwards = await collect(all.readAll({ direction: BACKWARDS, fromPosition: END }));
      expect(streamsOf(backwards.filter((e) => !e.event?.streamId.startsWith('$')))).toEqual(
        streamsOf(userEvents).reverse(),
      );
    });

    it('reads forwards from a position inclusively, backwards from it exclusively, up to maxCount', async () => {
      const third = userEvents[2].event!.position!;
      expect(streamsOf(await collect(all.readAll({ fromPosition: third })))).toEqual(streamsOf(userEvents.slice(2)));
      expect(streamsOf(await collect(all.readAll({ fromPosition: third, maxCount: 1 })))).toEqual([
        'order-1/OrderPlaced',
      ]);
      expect(streamsOf(await collect(all.readAll({ fromPosition: third, direction: BACKWARDS, maxCount: 2 })))).toEqual(
        ['invoice-1/InvoicePaid', 'invoice-1/InvoiceIssued'],
      );
    });

    describe('with a server-side filter (raw gRPC: readAll of client 6.2.1 sends no filter)', () => {
      const readFiltered = async (filter: ReadReq.Options.FilterOptions, count = 100): Promise<string[]> => {
        const raw = new StreamsClient(`127.0.0.1:${reader.port}`, credentials.createInsecure());
        const options = new ReadReq.Options()
          .setAll(new ReadReq.Options.AllOptions().setStart(new Empty()))
          .setReadDirection(ReadReq.Options.ReadDirection.FORWARDS)
          .setCount(String(count))
          .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()))
          .setFilter(filter.setCount(new Empty()));
        try {
          const responses = await collect<ReadResp>(raw.read(new ReadReq().setOptions(options)));
          return responses.flatMap((r) => {
            const recorded = r.getEvent()?.getEvent();
            return recorded
              ? [
                  `${Buffer.from(recorded.getStreamIdentifier()!.getStreamName_asU8())}/${recorded.getMetadataMap().get('type')}`,
                ]
              : [];
          });
        } finally {
          raw.close();
        }
      };
      const expression = () => new ReadReq.Options.FilterOptions.Expression();

      it('excludes system events with the event-type regex ^[^$].*', async () => {
        const filter = new ReadReq.Options.FilterOptions().setEventType(expression().setRegex('^[^$].*'));
        expect(await readFiltered(filter)).toEqual(streamsOf(userEvents));
      });

      it('keeps streams starting with any of the prefixes, up to count', async () => {
        const filter = new ReadReq.Options.FilterOptions().setStreamIdentifier(
          expression().setPrefixList(['invoice-']),
        );
        expect(await readFiltered(filter)).toEqual([
          'invoice-1/InvoiceIssued',
          'invoice-1/InvoicePaid',
          'invoice-2/InvoiceIssued',
        ]);
        expect(await readFiltered(filter, 1)).toEqual(['invoice-1/InvoiceIssued']);
      });

      it('keeps event types matching a regex', async () => {
        const filter = new ReadReq.Options.FilterOptions().setEventType(expression().setRegex('Paid|Placed$'));
        expect(await readFiltered(filter)).toEqual(['invoice-1/InvoicePaid', 'order-1/OrderPlaced']);
      });
    });
  });

  describe('subscribing to $all', () => {
    it('with a stream-name filter: existing events, then caughtUp, then live ones, with checkpoints', async () => {
      const prefix = unique('sub');
      await client.appendToStream(`${prefix}-a`, [event('A1'), event('A2')]);
      await client.appendToStream(unique('elsewhere'), event('Ignored'));
      await client.appendToStream(`${prefix}-b`, event('B1'));
      const seen: Seen[] = [];
      const subscription = client.subscribeToAll({
        filter: streamNameFilter({
          prefixes: [prefix],
          checkpointReached: (_s, position) => void seen.push({ kind: 'checkpoint', position }),
        }),
      });
      const watched = watch(subscription, seen);
      try {
        await eventually('caughtUp after 3 events', () => watched.caughtUpWith(3));
        expect(watched.types()).toEqual(['A1', 'A2', 'B1']);
        // Checkpoints and caughtUp are surfaced in arrival order; the last one before caughtUp covers the catch-up.
        const beforeCaughtUp = seen.slice(
          0,
          seen.findIndex((s) => s.kind === 'caughtUp'),
        );
        const checkpoints = beforeCaughtUp.flatMap((s) => (s.kind === 'checkpoint' ? [s.position.commit] : []));
        expect(checkpoints.at(-1)).toBeGreaterThanOrEqual(watched.events()[2].event!.position!.commit);

        await client.appendToStream(unique('elsewhere'), event('IgnoredToo'));
        await client.appendToStream(`${prefix}-a`, event('A3'));
        await eventually('the live event', () => watched.types().includes('A3'));
        expect(watched.types()).toEqual(['A1', 'A2', 'B1', 'A3']);
        expect(watched.errors).toEqual([]);
      } finally {
        await subscription.unsubscribe();
      }
    });

    it('reports checkpoints every checkpointInterval × maxSearchWindow events scanned, with growing positions', async () => {
      const prefix = unique('window');
      for (let i = 0; i < 6; i++) await client.appendToStream(unique('noise'), event('Noise'));
      await client.appendToStream(`${prefix}-x`, event('Match'));
      const checkpoints: Position[] = [];
      const subscription = client.subscribeToAll({
        filter: streamNameFilter({
          prefixes: [prefix],
          maxSearchWindow: 2,
          checkpointInterval: 1,
          checkpointReached: (_s, position) => void checkpoints.push(position),
        }),
      });
      const watched = watch(subscription);
      try {
        await eventually('caughtUp after the match', () => watched.caughtUpWith(1));
        expect(watched.types()).toEqual(['Match']);
        expect(checkpoints.length).toBeGreaterThanOrEqual(3);
        checkpoints.slice(1).forEach((p, i) => expect(p.commit).toBeGreaterThan(checkpoints[i].commit));

        const before = checkpoints.length;
        await client.appendToStream(unique('noise'), [event('Noise'), event('Noise')]);
        await eventually('a live checkpoint', () => checkpoints.length > before);
      } finally {
        await subscription.unsubscribe();
      }
    });

    it('excludes system events, also when they are written live', async () => {
      const stream = unique('sys');
      const subscription = client.subscribeToAll({ fromPosition: END, filter: excludeSystemEvents() });
      const watched = watch(subscription);
      try {
        await eventually('caughtUp', watched.caughtUp);
        await client.setStreamMetadata(stream, { maxCount: 10 }); // a `$metadata` event in `$$stream`
        await client.appendToStream(stream, event('UserEvent'));
        await eventually('the user event', () => watched.types().includes('UserEvent'));
        expect(watched.types()).toEqual(['UserEvent']);
      } finally {
        await subscription.unsubscribe();
      }
    });

    it('filters on event types by regex', async () => {
      const type = `Typed${randomUUID().slice(0, 8)}`;
      await client.appendToStream(unique('typed'), [event(`${type}Created`), event('Other'), event(`${type}Closed`)]);
      const subscription = client.subscribeToAll({ filter: eventTypeFilter({ regex: `^${type}` }) });
      const watched = watch(subscription);
      try {
        await eventually('caughtUp after 2 events', () => watched.caughtUpWith(2));
        expect(watched.types()).toEqual([`${type}Created`, `${type}Closed`]);
      } finally {
        await subscription.unsubscribe();
      }
    });

    it('resumes after fromPosition, exclusively', async () => {
      const stream = unique('resume');
      await client.appendToStream(stream, [event('One'), event('Two'), event('Three')]);
      const [one] = await collect(client.readStream(stream, { maxCount: 1 }));
      const subscription = client.subscribeToAll({
        fromPosition: one.event!.position!,
        filter: streamNameFilter({ prefixes: [stream] }),
      });
      const watched = watch(subscription);
      try {
        await eventually('caughtUp after 2 events', () => watched.caughtUpWith(2));
        expect(watched.types()).toEqual(['Two', 'Three']);
      } finally {
        await subscription.unsubscribe();
      }
    });

    it('from the end delivers only new events', async () => {
      const stream = unique('from-end');
      await client.appendToStream(stream, event('Old'));
      const subscription = client.subscribeToAll({
        fromPosition: END,
        filter: streamNameFilter({ prefixes: [stream] }),
      });
      const watched = watch(subscription);
      try {
        await eventually('caughtUp', watched.caughtUp);
        await client.appendToStream(stream, event('New'));
        await eventually('the new event', () => watched.types().includes('New'));
        expect(watched.types()).toEqual(['New']);
      } finally {
        await subscription.unsubscribe();
      }
    });
  });

  describe('the subscription protocol (raw gRPC)', () => {
    let protocol: EsdbEmulator;
    let writer: EventStoreDBClient;
    beforeAll(async () => {
      protocol = await startEsdbEmulator();
      writer = EventStoreDBClient.connectionString(protocol.connectionString);
    });
    afterAll(async () => {
      await writer.dispose();
      await protocol.stop();
    });

    it('sends confirmation, pages of events with checkpoints, a final checkpoint, caught_up, then live events and checkpoints', async () => {
      // $all: 2 system events, then cp-a 0..9. Window 4, multiplier 1 → a checkpoint every 4 events scanned.
      await writer.appendToStream(
        'cp-a',
        Array.from({ length: 10 }, (_, i) => event(`A${i}`)),
      );
      const raw = new StreamsClient(`127.0.0.1:${protocol.port}`, credentials.createInsecure());
      const filter = new ReadReq.Options.FilterOptions()
        .setStreamIdentifier(new ReadReq.Options.FilterOptions.Expression().setPrefixList(['cp-']))
        .setMax(4)
        .setCheckpointintervalmultiplier(1);
      const options = new ReadReq.Options()
        .setAll(new ReadReq.Options.AllOptions().setStart(new Empty()))
        .setSubscription(new ReadReq.Options.SubscriptionOptions())
        .setUuidOption(new ReadReq.Options.UUIDOption().setStructured(new Empty()))
        .setFilter(filter);
      const call = raw.read(new ReadReq().setOptions(options));
      const messages: string[] = [];
      const positions = new Map<string, string>();
      call.on('data', (r: ReadResp) => {
        if (r.hasConfirmation()) messages.push('confirmation');
        else if (r.hasCaughtUp()) messages.push('caught_up');
        else if (r.hasCheckpoint()) messages.push(`checkpoint@${r.getCheckpoint()!.getCommitPosition()}`);
        else if (r.hasEvent()) {
          const recorded = r.getEvent()!.getEvent()!;
          const type = recorded.getMetadataMap().get('type')!;
          positions.set(type, recorded.getCommitPosition());
          expect(recorded.getId()?.hasStructured()).toBe(true);
          messages.push(type);
        }
      });
      call.on('error', () => undefined); // cancelled below
      try {
        await eventually('caught_up', () => messages.includes('caught_up'));
        const at = (type: string) => `checkpoint@${positions.get(type)}`;
        expect(messages).toEqual([
          'confirmation',
          'A0',
          'A1',
          at('A1'),
          'A2',
          'A3',
          'A4',
          'A5',
          at('A5'),
          'A6',
          'A7',
          'A8',
          'A9',
          at('A9'),
          'caught_up',
        ]);
        messages.length = 0;
        await writer.appendToStream('other', [event('O1'), event('O2'), event('O3'), event('O4')]);
        await writer.appendToStream('cp-b', event('B0'));
        await eventually('the live event', () => messages.includes('B0'));
        expect(messages).toEqual([expect.stringMatching(/^checkpoint@\d+$/), 'B0']);
      } finally {
        call.cancel();
        raw.close();
      }
    });
  });

  describe('subscribing to a stream', () => {
    it('delivers existing events, caughtUp, then live events; a revision start is exclusive', async () => {
      const stream = unique('stream-sub');
      await client.appendToStream(stream, [event('One'), event('Two'), event('Three')]);
      const fromStart = client.subscribeToStream(stream);
      const fromRevision = client.subscribeToStream(stream, { fromRevision: 1n });
      const [all, after1] = [watch(fromStart), watch(fromRevision)];
      try {
        await eventually('both caught up', () => all.caughtUpWith(3) && after1.caughtUpWith(1));
        expect(all.types()).toEqual(['One', 'Two', 'Three']);
        expect(after1.types()).toEqual(['Three']);
        await client.appendToStream(stream, event('Four'));
        await eventually('the live event', () => all.types().includes('Four') && after1.types().includes('Four'));
        expect(all.events().map((e) => e.event?.revision)).toEqual([0n, 1n, 2n, 3n]);
      } finally {
        await fromStart.unsubscribe();
        await fromRevision.unsubscribe();
      }
    });

    it('waits on a stream that does not exist yet', async () => {
      const stream = unique('later');
      const subscription = client.subscribeToStream(stream);
      const watched = watch(subscription);
      try {
        await eventually('caughtUp', watched.caughtUp);
        await client.appendToStream(stream, event('First'));
        await eventually('the first event', () => watched.types().includes('First'));
      } finally {
        await subscription.unsubscribe();
      }
    });

    it('ends with StreamDeletedError when the stream is tombstoned', async () => {
      const stream = unique('doomed');
      await client.appendToStream(stream, event('One'));
      const subscription = client.subscribeToStream(stream);
      const watched = watch(subscription);
      await eventually('caughtUp', watched.caughtUp);
      await client.tombstoneStream(stream);
      const error = await eventually('the tombstone and the error', () =>
        watched.types().includes('$streamDeleted') ? watched.errors[0] : undefined,
      );
      expect(error).toBeInstanceOf(StreamDeletedError);
      expect(watched.types()).toEqual(['One', '$streamDeleted']);
    });
  });

  describe('deleting streams', () => {
    it('tombstone: reads fail with StreamDeletedError, and a `$streamDeleted` event stays in $all', async () => {
      const stream = unique('hard');
      await client.appendToStream(stream, event('A'));
      const { position } = await client.tombstoneStream(stream, { expectedRevision: 0n });
      const error = await collect(client.readStream(stream)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StreamDeletedError);
      expect(error).toMatchObject({ streamName: stream });
      const [last] = await collect(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }));
      expect(last.event).toMatchObject({ streamId: stream, type: '$streamDeleted', position });
    });

    it('soft delete: the stream reads as not found, then a new append continues its revisions', async () => {
      const stream = unique('soft');
      await client.appendToStream(stream, [event('A'), event('B')]);
      await client.deleteStream(stream, { expectedRevision: 1n });
      expect(await collect(client.readStream(stream)).catch((e: unknown) => e)).toBeInstanceOf(StreamNotFoundError);
      const result = await client.appendToStream(stream, event('C'), { expectedRevision: NO_STREAM });
      expect(result.nextExpectedRevision).toBe(2n);
      const events = await collect(client.readStream(stream));
      expect(events.map((e) => [e.event?.type, e.event?.revision])).toEqual([['C', 2n]]);
    });

    it('refuses deleting with a wrong expected revision, or a stream that does not exist', async () => {
      const stream = unique('keep');
      await client.appendToStream(stream, event('A'));
      expect(await client.deleteStream(stream, { expectedRevision: 5n }).catch((e: unknown) => e)).toMatchObject({
        streamName: stream,
        expectedVersion: 5n,
        actualVersion: 0n,
      });
      const missing = await client.deleteStream(unique('never')).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(WrongExpectedVersionError);
    });
  });

  describe('event round trip', () => {
    it('keeps JSON data, JSON metadata, id, type, content type and a sane created date', async () => {
      const stream = unique('roundtrip');
      const id = randomUUID();
      const before = Date.now();
      await client.appendToStream(
        stream,
        jsonEvent({ id, type: 'Claimed', data: { title: 'Balle perdue', n: 2 }, metadata: { source: 'e2e' } }),
      );
      const after = Date.now();
      const [read] = await collect(client.readStream(stream));
      expect(read.event).toMatchObject({
        streamId: stream,
        id,
        type: 'Claimed',
        revision: 0n,
        isJson: true,
        data: { title: 'Balle perdue', n: 2 },
        metadata: { source: 'e2e' },
      });
      expect(read.event!.created.getTime()).toBeGreaterThanOrEqual(before);
      expect(read.event!.created.getTime()).toBeLessThanOrEqual(after);
    });

    it('keeps binary data as bytes', async () => {
      const stream = unique('binary');
      const data = Uint8Array.from([0, 1, 2, 254, 255]);
      await client.appendToStream(stream, binaryEvent({ type: 'Blob', data }));
      const [read] = await collect(client.readStream(stream));
      expect(read.event?.isJson).toBe(false);
      expect(Buffer.from(read.event!.data as Uint8Array)).toEqual(Buffer.from(data));
    });
  });

  describe('delaying live delivery (liveDelayMs, test-only fault injection)', () => {
    const DELAY_MS = 300;
    let slow: EsdbEmulator;
    let slowClient: EventStoreDBClient;

    beforeAll(async () => {
      slow = await startEsdbEmulator({ liveDelayMs: DELAY_MS });
      slowClient = EventStoreDBClient.connectionString(slow.connectionString);
    });
    afterAll(async () => {
      await slowClient.dispose();
      await slow.stop();
    });

    it('delivers a live event no sooner than the delay after its append, while reads see it at once', async () => {
      const stream = unique('slow');
      await slowClient.appendToStream(stream, event('Stored'));
      const subscription = slowClient.subscribeToStream(stream);
      const watched = watch(subscription);
      try {
        await eventually('caughtUp', () => watched.caughtUpWith(1));
        const appended = Date.now();
        await slowClient.appendToStream(stream, event('Live'));
        expect(await collect(slowClient.readStream(stream))).toHaveLength(2);
        expect(watched.types()).toEqual(['Stored']);
        await eventually('the live event', () => watched.types().includes('Live'));
        expect(Date.now() - appended).toBeGreaterThanOrEqual(DELAY_MS);
      } finally {
        await subscription.unsubscribe();
      }
    });
  });

  describe('connecting and stopping', () => {
    it('answers gossip, so esdb+discover:// connection strings work', async () => {
      const discovering = EventStoreDBClient.connectionString(
        emulator.connectionString.replace('esdb://', 'esdb+discover://'),
      );
      try {
        const stream = unique('discover');
        await discovering.appendToStream(stream, event('Found'));
        expect(await collect(discovering.readStream(stream))).toHaveLength(1);
      } finally {
        await discovering.dispose();
      }
    });

    it('ends open subscriptions with UnavailableError when it stops', async () => {
      const stopping = await startEsdbEmulator();
      const subscriber = EventStoreDBClient.connectionString(stopping.connectionString);
      const subscription = subscriber.subscribeToAll();
      const watched = watch(subscription);
      try {
        await eventually('caughtUp', watched.caughtUp);
        await stopping.stop();
        expect(await eventually('the error', () => watched.errors[0])).toBeInstanceOf(UnavailableError);
      } finally {
        await subscriber.dispose();
        await stopping.stop();
      }
    });
  });
});
