import { IdentityConflictError } from '../errors/domain-errors';
import { RECORDED_AT, RECORDED_BY } from '../events/timeline-events.fixtures';
import { EventIdTaken } from '../events/timeline-events';
import { eventIdFold, takeEventId } from './client-event-ids';
import { isServiceEventId } from './event-id';

const ID = '0b6f5c9e-3f57-4a8e-9b1e-2d6f1c0a7e11';
const take = (streamId: string) => ({ eventId: ID, streamId, recordedAt: RECORDED_AT, recordedBy: RECORDED_BY });
const given = (...events: EventIdTaken[]) => events.reduce(eventIdFold.evolve, eventIdFold.initial());

describe('takeEventId', () => {
  const first = takeEventId(given(), take('franchise-balle-perdue'));
  const taken = first.kind === 'append' ? first.events[0] : undefined!;

  it('takes an id nobody used for the stream it is first used in, under an id of the service’s', () => {
    expect(first).toEqual({
      kind: 'append',
      events: [
        {
          type: 'EventIdTaken',
          eventId: expect.any(String),
          data: { eventId: ID, streamId: 'franchise-balle-perdue' },
          meta: { recordedAt: RECORDED_AT, recordedBy: RECORDED_BY, schemaVersion: 1 },
        },
      ],
    });
    expect(isServiceEventId(taken.eventId)).toBe(true);
  });

  it('finds it taken already by a retry in the same stream', () => {
    expect(takeEventId(given(taken), take('franchise-balle-perdue'))).toEqual({
      kind: 'alreadyRecorded',
      eventId: taken.eventId,
    });
  });

  it('refuses it in another stream, naming eventId', () => {
    expect(() => takeEventId(given(taken), take('franchise-tyler-rake'))).toThrow(
      expect.objectContaining({ constructor: IdentityConflictError, field: 'eventId' }),
    );
  });
});
