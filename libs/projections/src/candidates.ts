import { AskedPoint, ClaimEvent, DayRange, EdtfDate, OPEN_END, occurredOn } from '@app/domain';
import { AppliedAt } from './projection';

/**
 * The coarse bounds a read model pre-selects a franchise's claims by (found through its franchise
 * index): whatever the mode, a claim that counts began by `asOf` and was recorded before
 * `recordedBefore`. The time rules decide the rest.
 */
export type CandidateBounds = Pick<AskedPoint, 'asOf' | 'recordedBefore'>;

/** The bounds as statement parameters (`@asOf`, `@recordedBefore`), null when not asked. */
export function boundParams(bounds: CandidateBounds): { asOf: string | null; recordedBefore: string | null } {
  return { asOf: bounds.asOf ?? null, recordedBefore: bounds.recordedBefore ?? null };
}

/**
 * The SQL condition for a claim table aliased `c` with `occurred_earliest` and `recorded_at`. A
 * bound not asked is the last day there is, not an `IS NULL OR`, so that the planner can walk an
 * index on the day as a range (from the date asked back, not from the last claim recorded).
 */
export const WITHIN_BOUNDS = `c.occurred_earliest <= coalesce(@asOf, '${OPEN_END}')
  AND c.recorded_at < coalesce(@recordedBefore, '${OPEN_END}')`;

/** The columns every claim table has for the time rules. */
export interface CandidateRow {
  event_id: string;
  sequence: number;
  occurred_earliest: string;
  occurred_latest: string;
  source_id: string;
  recorded_at: string;
}

/** What the time rules ask of a claim, from its row. */
export function candidateOf(row: CandidateRow): {
  eventId: string;
  sequence: number;
  occurred: DayRange;
  sourceId: string;
  recordedAt: string;
} {
  return {
    eventId: row.event_id,
    sequence: row.sequence,
    occurred: { earliest: row.occurred_earliest, latest: row.occurred_latest },
    sourceId: row.source_id,
    recordedAt: row.recorded_at,
  };
}

/** A record with its claim, and the source the claim names as its origin (`basedOn`) beside it. */
export function withOrigin<T extends { claim: ClaimEvent }>(record: T): T & { basedOn?: string } {
  const basedOn = record.claim.data.basedOn;
  return basedOn === undefined ? record : { ...record, basedOn };
}

/** The `CandidateRow` columns, first in the tables that keep one row per claim. */
export const CLAIM_ROW_COLUMNS = `
  event_id          TEXT PRIMARY KEY,
  franchise_id      TEXT NOT NULL,
  sequence          INTEGER NOT NULL,
  occurred_earliest TEXT NOT NULL,
  occurred_latest   TEXT NOT NULL,
  source_id         TEXT NOT NULL,
  recorded_at       TEXT NOT NULL`;

/** The values of `CLAIM_ROW_COLUMNS` for a claim applied at `at`, in their order. */
export function claimRowValues(claim: ClaimEvent, at: AppliedAt): (string | number | undefined)[] {
  const happened = EdtfDate.parse(occurredOn(claim));
  return [
    claim.eventId,
    claim.data.franchiseId,
    at.sequence,
    happened.earliest,
    happened.latest,
    claim.meta.sourceId,
    claim.meta.recordedAt,
  ];
}
