import { AskedPoint } from '@app/domain';

/**
 * The bounds a read model pre-selects claims by, on indexed columns: whatever the mode, a claim
 * that counts began by `asOf` and was recorded before `recordedBefore`. The time rules decide the rest.
 */
export type CandidateBounds = Pick<AskedPoint, 'asOf' | 'recordedBefore'>;

/** The bounds as statement parameters (`@asOf`, `@recordedBefore`), null when not asked. */
export function boundParams(bounds: CandidateBounds): { asOf: string | null; recordedBefore: string | null } {
  return { asOf: bounds.asOf ?? null, recordedBefore: bounds.recordedBefore ?? null };
}

/** The SQL condition for a claim table aliased `c` with `occurred_earliest` and `recorded_at`. */
export const WITHIN_BOUNDS = `(@asOf IS NULL OR c.occurred_earliest <= @asOf)
  AND (@recordedBefore IS NULL OR c.recorded_at < @recordedBefore)`;
