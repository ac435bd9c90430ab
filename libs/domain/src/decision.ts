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
