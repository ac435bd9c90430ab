import { ExpectedRevision, StreamRevision } from './event-store.port';

/** The stream was not at the expected revision: someone else wrote first. Never a lost update. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: StreamRevision | 'no_stream',
  ) {
    super(`stream ${streamId} is at revision ${actual}, expected ${expected}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** An event id already stored for another stream or another append. */
export class DuplicateEventIdError extends Error {
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already stored elsewhere`);
    this.name = 'DuplicateEventIdError';
  }
}

/** The store cannot be reached; the caller may retry later. */
export class EventStoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/**
 * The store has no space left for the append (a full disk): nothing of it was stored, and the
 * caller may retry once space is freed; the service keeps running meanwhile.
 */
export class EventStoreFullError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the event store has no space left: nothing of this write was recorded', options);
    this.name = 'EventStoreFullError';
  }
}
