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
  /** The stream's last event indexed, if any, and the version of the facts kept (`KeyedFold.version`). */
  head(streamId: string): IndexHead | undefined;
  /**
   * Adds events after the head in one transaction, their facts of `version`; those at or before it
   * are already there and skipped.
   */
  add(streamId: string, version: number, events: IndexedEvent[]): void;
  /** Forgets the stream: it no longer holds the events indexed (a store restored from an older copy). */
  drop(streamId: string): void;
  /** The stream as indexed: its head, and its facts and events read when asked (they stand at the head). */
  read(streamId: string): IndexedStream;
}

export interface IndexHead {
  revision: number;
  id: string;
  version: number;
}

export interface IndexedStream {
  head: IndexHead | undefined;
  facts: StreamFacts;
  /** Where an event of the stream sits, to answer a retry. */
  placed(eventId: string): { revision: number; position: GlobalPosition } | undefined;
}
