import { EdtfDate } from '../dates/edtf-date';
import { FactClaim, FactValue } from './fact';

/** When a testimony was published and recorded: what orders testimonies in time. */
export type Published = Pick<Testimony, 'publishedOn' | 'sequence'>;

/** One source's claim of a value, with what resolution weighs. */
export interface Testimony {
  claim: FactClaim;
  eventId: string;
  sourceId: string;
  /** When the source was published: a tie goes to the most recent. */
  publishedOn: EdtfDate;
  /** Recording order in the global log: the last tie-break. */
  sequence: number;
  /** The source's reliability rank (higher is more trusted; 0 when unranked), for the `trusted` policy. */
  rank?: number;
}

/**
 * How a disputed fact is settled: by the most sources (`majority`), the most recently published
 * claim (`latest`), the first published (`earliest`), or the most reliable source (`trusted`).
 */
export const RESOLUTION_POLICIES = ['majority', 'latest', 'earliest', 'trusted'] as const;
export type ResolutionPolicy = (typeof RESOLUTION_POLICIES)[number];

export interface ClaimedValue {
  value: FactValue;
  sourceIds: string[];
  eventIds: string[];
  /** For a series: the dates the value was claimed reached by. */
  at?: string[];
}

export interface ResolvedFact {
  value: FactValue;
  /** Every distinct value claimed, most supported first. */
  values: ClaimedValue[];
  /** True when at least two claimed values cannot both be right. */
  disputed: boolean;
  /** Sources whose claims back the resolved value (itself, or a coarser date that contains it). */
  supportedBy: string[];
  policy: ResolutionPolicy;
  /** The claims (event ids) that decided it under the policy. */
  decidedBy: string[];
  /** For a series: the readings not believed, because they contradict readings the policy kept. */
  rejected?: string[];
}

/**
 * The order of publication: positive when `a` was published (then recorded) after `b`. An
 * uncertain date sorts by its last possible day, then its first. The `latest` and `earliest`
 * policies and the first claimant all go by it.
 */
export function compareRecency(a: Published, b: Published): number {
  return (
    compareText(a.publishedOn.latest, b.publishedOn.latest) ||
    compareText(a.publishedOn.earliest, b.publishedOn.earliest) ||
    a.sequence - b.sequence
  );
}

/** Orders ISO days (and any strings) as text. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
