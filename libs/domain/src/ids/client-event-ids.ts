import { Decision, Fold } from '../decision';
import { IdentityConflictError } from '../errors/domain-errors';
import { EventIdTaken, metaFor } from '../events/timeline-events';
import { deriveEventId } from './event-id';

/**
 * An event id a client chose is the client's in one stream only, as EventStoreDB scopes its ids:
 * SQLite's log refuses an id already used in another stream, EventStoreDB stores it again, and
 * the read models, which know each claim by its id, would keep only one of the two. So the first
 * use of an id takes it for its stream, in a stream of the id's own (`eventIdStream`), on every
 * store alike; a retry in the same stream finds it its own.
 */
export interface EventIdState {
  taken?: EventIdTaken;
}

export const eventIdFold: Fold<EventIdState, EventIdTaken> = {
  initial: () => ({}),
  evolve: (state, event) => (state.taken ? state : { taken: event }),
};

export interface TakeEventId {
  eventId: string;
  streamId: string;
  recordedAt: string;
  recordedBy: string;
}

export function takeEventId(state: EventIdState, command: TakeEventId): Decision<EventIdTaken> {
  const { taken } = state;
  if (taken?.data.streamId === command.streamId) return { kind: 'alreadyRecorded', eventId: taken.eventId };
  if (taken)
    throw new IdentityConflictError(`event id ${command.eventId} is already used by another stream`, 'eventId');
  const data = { eventId: command.eventId, streamId: command.streamId };
  return {
    kind: 'append',
    // Derived, so in the namespace no client reaches, and unique to the id's stream.
    events: [
      {
        type: 'EventIdTaken',
        eventId: deriveEventId({ type: 'EventIdTaken', eventId: command.eventId }),
        data,
        meta: metaFor('EventIdTaken', command.recordedAt, command.recordedBy),
      },
    ],
  };
}
