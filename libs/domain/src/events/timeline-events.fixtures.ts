/**
 * Test helpers: events of the catalogue built with little noise. Pure data, no jest, no I/O.
 * Event ids are derived from the content, so the same call gives the same event.
 */
import { deriveEventId } from '../ids/event-id';
import {
  ClaimDataOf,
  ClaimEvent,
  ClaimType,
  FranchiseCreated,
  SourceRegistered,
  SourceRegisteredData,
  SourceReliabilityRanked,
  metaFor,
} from './timeline-events';

export const FRANCHISE_ID = 'balle-perdue';
export const RECORDED_AT = '2024-05-01T10:00:00.000Z';
export const RECORDED_BY = 'test';

export function franchiseCreated(
  franchiseId = FRANCHISE_ID,
  title = 'Balle perdue',
  aliases: string[] = [],
): FranchiseCreated {
  return {
    type: 'FranchiseCreated',
    eventId: deriveEventId({ type: 'FranchiseCreated', franchiseId }),
    data: { franchiseId, title, aliases },
    meta: metaFor('FranchiseCreated', RECORDED_AT, RECORDED_BY),
  };
}

export function sourceRegistered(
  sourceId: string,
  publishedOn: string,
  extra: Partial<SourceRegisteredData> = {},
): SourceRegistered {
  return {
    type: 'SourceRegistered',
    eventId: deriveEventId({ type: 'SourceRegistered', sourceId }),
    data: { sourceId, name: `Article ${sourceId}`, publishedOn, ...extra },
    meta: metaFor('SourceRegistered', RECORDED_AT, RECORDED_BY),
  };
}

/** An administrator ranking a source; the id is made of its content, as a rank may come back to an earlier value. */
export function sourceRanked(sourceId: string, rank: number, recordedAt = RECORDED_AT): SourceReliabilityRanked {
  return {
    type: 'SourceReliabilityRanked',
    eventId: deriveEventId({ type: 'SourceReliabilityRanked', sourceId, rank, recordedAt }),
    data: { sourceId, rank, reason: 'checked' },
    meta: metaFor('SourceReliabilityRanked', recordedAt, RECORDED_BY),
  };
}

/** The payload of a claim, `franchiseId` defaulting to the usual franchise. */
export type ClaimInput<T extends ClaimType> = Omit<ClaimDataOf<T>, 'franchiseId'> & { franchiseId?: string };

/** A claim of the given kind made by `sourceId`. */
export function claim<T extends ClaimType>(
  type: T,
  data: ClaimInput<T>,
  sourceId: string,
  options: { eventId?: string; recordedAt?: string; recordedBy?: string } = {},
): Extract<ClaimEvent, { type: T }> {
  const full = { franchiseId: FRANCHISE_ID, ...data } as unknown as ClaimDataOf<T>;
  return {
    type,
    eventId: options.eventId ?? deriveEventId({ type, sourceId, data: full }),
    data: full,
    meta: metaFor(type, options.recordedAt ?? RECORDED_AT, options.recordedBy ?? RECORDED_BY, sourceId),
  } as Extract<ClaimEvent, { type: T }>;
}
