import { ClaimEvent, EventRecord, fromRecord, isClaimEvent, toRecord } from '@app/domain';

/** A claim as read models keep it whole: in record form, as the event store holds it. */
export function storedClaim(claim: ClaimEvent): string {
  return JSON.stringify(toRecord(claim));
}

/** A kept claim read back through `fromRecord`, so an old schema version reads as the current one. */
export function readClaim(stored: string): ClaimEvent {
  const event = fromRecord(JSON.parse(stored) as EventRecord);
  if (!isClaimEvent(event)) throw new Error(`a read model kept ${event.type} ${event.eventId} as a claim`);
  return event;
}
