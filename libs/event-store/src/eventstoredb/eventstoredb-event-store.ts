import {
  ANY,
  AppendExpectedRevision,
  BACKWARDS,
  END,
  CancelledError,
  DeadlineExceededError,
  EventStoreDBClient,
  NO_STREAM,
  NotLeaderError,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, Filter, ResolvedEvent, StreamingRead } from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { Observable, Subscriber } from 'rxjs';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../event-store.errors';
import {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  GlobalPosition,
  StoredEvent,
  SubscriptionMessage,
} from '../event-store.port';
import { comparePositions, decodePosition, encodePosition } from './eventstoredb-positions';

export interface EventStoreDbOptions {
  /** e.g. `esdb://localhost:2113?tls=false`, or several gossip seeds for a cluster. */
  connectionString: string;
  /**
   * Stream categories (`franchise` for `franchise-balle-perdue`) that subscriptions ask the
   * server for; without them, every stream but the system ones.
   */
  categories?: string[];
  /** How long the first contact may take before start-up fails. */
  connectTimeoutMs?: number;
  /**
   * Prefixed to every stream name (`staging_franchise-x`), so that several deployments, or
   * test runs, can share one cluster without seeing each other's streams.
   */
  namespace?: string;
}

type RecordedJson = NonNullable<ResolvedEvent['event']>;

/**
 * The production store. One stream per franchise or source, named by category
 * (`franchise-<id>`), JSON data and metadata; revisions and positions are EventStoreDB's own,
 * translated to the port's (positions carried as opaque `commit:prepare` tokens).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly subscribers = new Set<Subscriber<SubscriptionMessage>>();

  private readonly prefix: string;
  /** The stream-name prefixes of this store's streams: its categories', or its namespace's. */
  private readonly ours: string[];

  private constructor(
    private readonly client: EventStoreDBClient,
    private readonly filter: Filter,
    private readonly target: string,
    namespace: string | undefined,
    categories: string[] | undefined,
  ) {
    this.prefix = namespace ? `${namespace}_` : '';
    this.ours = categories?.length ? categories.map((category) => `${this.prefix}${category}-`) : [this.prefix];
  }

  /** Connects and checks the server answers, so that a wrong address fails start-up clearly. */
  static async connect(options: EventStoreDbOptions): Promise<EventStoreDbEventStore> {
    const target = redact(options.connectionString);
    let client: EventStoreDBClient;
    try {
      client = EventStoreDBClient.connectionString(options.connectionString);
    } catch (error) {
      throw new EventStoreUnavailableError(`invalid EventStoreDB connection string ${target}: ${describe(error)}`);
    }
    const prefix = options.namespace ? `${options.namespace}_` : '';
    const filter = options.categories?.length
      ? streamNameFilter({ prefixes: options.categories.map((category) => `${prefix}${category}-`) })
      : prefix
        ? streamNameFilter({ prefixes: [prefix] })
        : excludeSystemEvents();
    const store = new EventStoreDbEventStore(client, filter, target, options.namespace, options.categories);
    try {
      await drain(client.readAll({ maxCount: 1, deadline: options.connectTimeoutMs ?? 10_000 }));
    } catch (error) {
      await client.dispose();
      throw new EventStoreUnavailableError(`cannot reach EventStoreDB at ${target}: ${describe(error)}`, {
        cause: error,
      });
    }
    return store;
  }

  async append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    try {
      const result = await this.client.appendToStream(
        this.prefix + streamId,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data, metadata: e.metadata })),
        { expectedRevision: toExpectedRevision(expected) },
      );
      const nextRevision = Number(result.nextExpectedRevision);
      // A retry the server recognised as already written may come back without a position:
      // the original event's is the answer.
      const position = result.position
        ? encodePosition(result.position)
        : await this.positionOf(streamId, nextRevision);
      return { nextRevision, position };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion === NO_STREAM ? 'no_stream' : Number(error.actualVersion);
        throw new WrongExpectedRevisionError(streamId, expected, actual);
      }
      throw this.translate(error);
    }
  }

  async *readStream(streamId: string, options: { fromRevision?: number } = {}): AsyncIterable<StoredEvent> {
    const from = options.fromRevision === undefined ? START : BigInt(options.fromRevision);
    try {
      for await (const resolved of iterate(this.client.readStream(this.prefix + streamId, { fromRevision: from }))) {
        if (resolved.event) yield this.toStored(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return;
      throw this.translate(error);
    }
  }

  async *readAll(options: { after?: GlobalPosition; maxCount?: number } = {}): AsyncIterable<StoredEvent> {
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return;
    const fromPosition = options.after === undefined ? START : decodePosition(options.after);
    try {
      // This client version filters $all reads on the client side only: skip system events here.
      for await (const resolved of iterate(this.client.readAll({ fromPosition }))) {
        const event = resolved.event;
        if (!event || !this.isOurs(event) || !this.isAfter(event, options.after)) continue;
        yield this.toStored(event);
        if (--remaining <= 0) return;
      }
    } catch (error) {
      throw this.translate(error);
    }
  }

  subscribeToAll(options: { after?: GlobalPosition } = {}): Observable<SubscriptionMessage> {
    return new Observable<SubscriptionMessage>((subscriber) => {
      const fromPosition = options.after === undefined ? START : decodePosition(options.after);
      const subscription = this.client.subscribeToAll({ fromPosition, filter: this.filter });
      let open = true;
      this.subscribers.add(subscriber);
      subscription
        .on('data', (resolved: AllStreamResolvedEvent) => {
          const event = resolved.event;
          if (event && this.isOurs(event) && this.isAfter(event, options.after)) {
            subscriber.next({ kind: 'event', event: this.toStored(event) });
          }
        })
        .once('caughtUp', () => subscriber.next({ kind: 'caughtUp' }))
        .on('error', (error: unknown) => open && subscriber.error(this.translate(error)))
        // The server ending a live subscription is a dropped connection: the consumer resubscribes.
        .on(
          'end',
          () => open && subscriber.error(new EventStoreUnavailableError(`subscription to ${this.target} ended`)),
        );
      return () => {
        open = false;
        this.subscribers.delete(subscriber);
        void subscription.unsubscribe().catch(() => undefined);
      };
    });
  }

  /**
   * The id in the first event of this namespace's identity stream, written by the first
   * connection that found none (expecting no stream, so two first connections agree on one). The
   * stream is in no category: reads of the log and subscriptions never see it.
   */
  async identity(): Promise<string> {
    const stream = `${this.prefix}${IDENTITY_STREAM}`;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        for await (const resolved of iterate(this.client.readStream(stream, { maxCount: 1 }))) {
          return (resolved.event!.data as { storeId: string }).storeId;
        }
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw this.translate(error);
      }
      try {
        const data = { storeId: randomUUID() };
        await this.client.appendToStream(stream, jsonEvent({ type: 'StoreIdentified', data }), {
          expectedRevision: NO_STREAM,
        });
        return data.storeId;
      } catch (error) {
        // Another connection wrote it first: read theirs.
        if (!(error instanceof WrongExpectedVersionError)) throw this.translate(error);
      }
    }
    throw new Error(`no identity in ${stream}`);
  }

  async eventAt(position: GlobalPosition): Promise<StoredEvent | undefined> {
    try {
      // Reading $all forwards from a position starts with the event at it, if one is there.
      const reading = this.client.readAll({ fromPosition: decodePosition(position), maxCount: 1 });
      for await (const resolved of iterate(reading)) {
        const event = resolved.event;
        const found = event?.position && encodePosition(event.position) === position && this.isOurs(event);
        return found ? this.toStored(event) : undefined;
      }
    } catch (error) {
      throw this.translate(error);
    }
    return undefined;
  }

  async lastPosition(): Promise<GlobalPosition | undefined> {
    try {
      for await (const resolved of iterate(this.client.readAll({ direction: BACKWARDS, fromPosition: END }))) {
        if (resolved.event && this.isOurs(resolved.event)) return encodePosition(resolved.event.position!);
      }
    } catch (error) {
      throw this.translate(error);
    }
    return undefined;
  }

  comparePositions(a: GlobalPosition, b: GlobalPosition): number {
    return comparePositions(a, b);
  }

  async close(): Promise<void> {
    this.subscribers.forEach((subscriber) => subscriber.complete());
    await this.client.dispose();
  }

  private async positionOf(streamId: string, revision: number): Promise<GlobalPosition> {
    const fromRevision = BigInt(revision);
    for await (const resolved of iterate(
      this.client.readStream(this.prefix + streamId, { fromRevision, maxCount: 1 }),
    )) {
      if (resolved.event?.position) return encodePosition(resolved.event.position);
    }
    throw new Error(`event ${streamId}@${revision} has no position`);
  }

  /** Not a system event, and in one of this store's categories (or its namespace), as the subscription filter has it. */
  private isOurs(event: RecordedJson): boolean {
    return (
      !event.type.startsWith('$') &&
      !event.streamId.startsWith('$') &&
      this.ours.some((prefix) => event.streamId.startsWith(prefix))
    );
  }

  private toStored(event: RecordedJson): StoredEvent {
    return {
      id: event.id,
      type: event.type,
      streamId: event.streamId.slice(this.prefix.length),
      revision: Number(event.revision),
      position: event.position ? encodePosition(event.position) : '0:0',
      data: event.data as Record<string, unknown>,
      metadata: (event.metadata ?? {}) as Record<string, unknown>,
    };
  }

  /** Positions given as `after` are exclusive, whatever the read's own convention. */
  private isAfter(event: RecordedJson, after: GlobalPosition | undefined): boolean {
    return after === undefined || !event.position || comparePositions(encodePosition(event.position), after) > 0;
  }

  private translate(error: unknown): unknown {
    const unreachable =
      error instanceof UnavailableError ||
      error instanceof DeadlineExceededError ||
      error instanceof NotLeaderError ||
      error instanceof CancelledError;
    return unreachable
      ? new EventStoreUnavailableError(`EventStoreDB at ${this.target} is unavailable: ${describe(error)}`, {
          cause: error,
        })
      : error;
  }
}

/** The stream holding the store's identity: outside every category the service reads. */
const IDENTITY_STREAM = 'timelinestore-identity';

/**
 * Iterates a read; a consumer stopping early cancels the call, which would otherwise stay
 * paused and keep the client's `dispose()` waiting for it forever.
 */
async function* iterate<E>(read: StreamingRead<E>): AsyncIterable<E> {
  let finished = false;
  try {
    for await (const item of read) yield item as E;
    finished = true;
  } finally {
    if (!finished) await read.cancel();
  }
}

async function drain<E>(read: StreamingRead<E>): Promise<void> {
  for await (const _ of iterate(read));
}

function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

/** Connection strings may carry credentials: never log them. */
function redact(connectionString: string): string {
  return connectionString.replace(/\/\/[^@/]*@/, '//***@');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
