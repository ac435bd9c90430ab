import { StreamFacts } from '@app/domain';
import { GlobalPosition } from '@app/event-store';

export const DECISION_INDEX = Symbol('DECISION_INDEX');

/** An event of a stream as the index keeps it: where it sits, and the facts it establishes. */
export interface IndexedEvent {
  id: string;
  revision: number;
  position: GlobalPosition;
  facts: ReadonlyArray<readonly [string, unknown]>;
}

/**
 * The write side's index of the facts long streams establish (`KeyedFold`), kept with the
 * revision it stands at. The event store stays the truth: the writer checks the index's last event
 * against the stream before trusting it, and adds what other writers appended since.
 */
export interface DecisionIndex {
  /** The store its facts come from: facts from another store are dropped. */
  bind(storeIdentity: string): void;
  /** The stream's last event indexed, if any. */
  head(streamId: string): { revision: number; id: string } | undefined;
  /** Adds events after the head in one transaction; those at or before it are already there and skipped. */
  add(streamId: string, events: IndexedEvent[]): void;
  /** Forgets the stream: it no longer holds the events indexed (a store restored from an older copy). */
  drop(streamId: string): void;
  /** The stream as indexed: its head, and its facts and events read when asked (they stand at the head). */
  read(streamId: string): IndexedStream;
}

export interface IndexedStream {
  head: { revision: number; id: string } | undefined;
  facts: StreamFacts;
  /** Where an event of the stream sits, to answer a retry. */
  placed(eventId: string): { revision: number; position: GlobalPosition } | undefined;
}
