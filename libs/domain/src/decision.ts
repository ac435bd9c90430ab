/** What a command decides: events to append, or none because the same thing is already recorded. */
export type Decision<E> = { kind: 'append'; events: E[] } | { kind: 'alreadyRecorded'; eventId: string };

/**
 * How a stream's events fold into what its commands decide on. `evolve` may change `state` in place
 * and return it: the write side keeps one folded state per stream and feeds it only new events, so
 * a decision must never change the state it is given.
 */
export interface Fold<S, E> {
  initial(): S;
  evolve(state: S, event: E): S;
}

/** A value an event of a stream established under a key, and the revision of that event. */
export interface Established {
  value: unknown;
  revision: number;
}

/** A stream's facts as they stand at the revision a command is decided on, read by key. */
export interface StreamFacts {
  get(key: string): Established | undefined;
}

/**
 * A stream whose commands each read only a few of its facts (a claim by its id, a film by its id):
 * its events become facts under keys, so deciding needs neither the whole stream in memory nor a
 * fold from its start, however long the stream. The first event to establish a key keeps it.
 * Every event establishes a fact under its own id: where it sits, to answer a retry.
 */
export interface KeyedFold<S, E> {
  /** Raise it when the facts an event establishes change: facts kept under another version are established again. */
  readonly version: number;
  facts(event: E): ReadonlyArray<readonly [string, unknown]>;
  /** The state a decision reads, over the facts. */
  view(facts: StreamFacts): S;
}

/** Facts of a history held in memory, as the write side's index would hold them (for tests). */
export function keyedFactsOf<E>(fold: KeyedFold<unknown, E>, events: Iterable<E>): StreamFacts {
  const facts = new Map<string, Established>();
  let revision = 0;
  for (const event of events) establish(facts, revision++, fold.facts(event));
  return facts;
}

/** Adds what an event establishes to the facts held: the first event to establish a key keeps it. */
export function establish(
  facts: Map<string, Established>,
  revision: number,
  established: ReadonlyArray<readonly [string, unknown]>,
): void {
  for (const [key, value] of established) {
    if (!facts.has(key)) facts.set(key, { value, revision });
  }
}
