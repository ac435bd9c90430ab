import { ComparedValue, backs } from './resolve-fact';
import { ResolvedFact, Testimony, compareRecency } from './testimony';

/** How a claim was withdrawn: retracted, or superseded by a correction. */
export type WithdrawalKind = 'retracted' | 'superseded';

/**
 * Where a claim stands: `accepted` (it is, or backs, the value believed), `outvoted` (another
 * value won), `retracted` or `superseded` (withdrawn by a later event).
 */
export type Standing = 'accepted' | WithdrawalKind | 'outvoted';

/**
 * The standing of one claim of a fact under the fact's resolution (none when every claim of it
 * was withdrawn). A withdrawn claim no longer weighs in the resolution, but keeps its standing.
 */
export function standingOf(
  claim: ComparedValue & { eventId: string; withdrawal?: WithdrawalKind },
  resolution: ResolvedFact | undefined,
): Standing {
  if (claim.withdrawal) return claim.withdrawal;
  if (!resolution) return 'outvoted';
  if (claim.valueKind === 'reading') return resolution.rejected?.includes(claim.eventId) ? 'outvoted' : 'accepted';
  return resolution.decidedBy.includes(claim.eventId) || backs(claim, resolution.value) ? 'accepted' : 'outvoted';
}

/** Who first claimed the believed value: the testimony of it published first (recording order breaks ties). */
export function firstClaimant(testimonies: Testimony[], resolution: ResolvedFact): Testimony {
  return testimonies
    .filter((t) => t.claim.value === resolution.value)
    .reduce((first, t) => (compareRecency(t, first) < 0 ? t : first));
}
