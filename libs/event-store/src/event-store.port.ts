import { Observable } from 'rxjs';

/**
 * The event-store port: what the service needs of any event store, in its own words.
 * Adapters (one folder each) translate their vendor's revisions, positions and errors to these.
 */
export const EVENT_STORE = Symbol('EVENT_STORE');

/** Revision of an event within its stream: 0 for the first event. */
export type StreamRevision = number;

/** What the writer believes the stream's last revision is. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | StreamRevision;

/**
 * A place in the global log, opaque to everyone but the adapter that made it.
 * Compare two with `EventStore.comparePositions`; never parse one.
 */
export type GlobalPosition = string;

export interface EventToAppend {
  /** Unique across the store: appending it again is a retry, answered with the original result. */
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

export interface StoredEvent extends EventToAppend {
  streamId: string;
  revision: StreamRevision;
  position: GlobalPosition;
}

export interface AppendResult {
  /** Revision of the last event appended: the stream's revision after the append. */
  nextRevision: StreamRevision;
  /** Position of the last event appended. */
  position: GlobalPosition;
}

export type SubscriptionMessage = { kind: 'event'; event: StoredEvent } | { kind: 'caughtUp' };

export interface EventStore {
  /**
   * Appends atomically. Throws `WrongExpectedRevisionError` when the stream is not where the
   * writer expected; a retry of an append already stored (same event ids, same stream)
   * returns the original result and stores nothing.
   */
  append(streamId: string, events: EventToAppend[], expected: ExpectedRevision): Promise<AppendResult>;

  /** The stream's events in revision order; nothing when the stream does not exist. */
  readStream(streamId: string, options?: { fromRevision?: StreamRevision }): AsyncIterable<StoredEvent>;

  /** The global log in order, after the given position (exclusive) or from the start. */
  readAll(options?: { after?: GlobalPosition; maxCount?: number }): AsyncIterable<StoredEvent>;

  /**
   * Every event after the checkpoint (exclusive; all when absent), in order, then `caughtUp`
   * once, then new events as they are appended, until unsubscribed.
   */
  subscribeToAll(options?: { after?: GlobalPosition }): Observable<SubscriptionMessage>;

  /**
   * A random id the store was given when first opened, the same through every connection to it,
   * and another for another store even with the same events: what read models built from it are bound to.
   */
  identity(): Promise<string>;

  /**
   * The event of this service at `position` in the global log, if there is one: a read model can
   * check that the event it last applied is still the log's, not another written in its place.
   */
  eventAt(position: GlobalPosition): Promise<StoredEvent | undefined>;

  /** Where the global log ends now (its last event's position); undefined for an empty log. */
  lastPosition(): Promise<GlobalPosition | undefined>;

  /** Negative, zero or positive as `a` comes before, at or after `b` in the global log. */
  comparePositions(a: GlobalPosition, b: GlobalPosition): number;

  close(): Promise<void>;
}
