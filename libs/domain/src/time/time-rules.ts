import { EdtfDate } from '../dates/edtf-date';
import { DayRange } from '../dates/day-range';

/**
 * The rules of time travel. Every read is asked at a point on three axes: `asOf` keeps what had
 * happened by then, `knownAt` what sources had published by then, `recordedBefore` what this
 * service had recorded before that instant (so an answer given then can be given again,
 * unchanged by later corrections and retractions).
 *
 * An uncertain date is *certain* by a day when its latest possible day is on or before it, and
 * *possible* when only its earliest is; `mode` picks which of the two counts (default certain).
 */
export type Certainty = 'certain' | 'possible';

/** The point a read is asked at, as given: EDTF dates, an ISO timestamp. */
export interface AtDate {
  asOf?: string;
  knownAt?: string;
  recordedBefore?: string;
  mode?: Certainty;
}

/** The point as the rules use it: the last day of each EDTF date given, the instant normalized. */
export interface AskedPoint {
  asOf?: string;
  knownAt?: string;
  recordedBefore?: string;
  mode: Certainty;
}

export function askedPoint(at: AtDate): AskedPoint {
  return {
    ...(at.asOf ? { asOf: EdtfDate.parse(at.asOf, 'asOf').latest } : {}),
    ...(at.knownAt ? { knownAt: EdtfDate.parse(at.knownAt, 'knownAt').latest } : {}),
    ...(at.recordedBefore ? { recordedBefore: new Date(at.recordedBefore).toISOString() } : {}),
    mode: at.mode ?? 'certain',
  };
}

/** Whether the days `range` may be lie by `day` under `mode` (no day asked: always). */
export function isBy(range: DayRange, day: string | undefined, mode: Certainty): boolean {
  if (day === undefined) return true;
  return (mode === 'possible' ? range.earliest : range.latest) <= day;
}

/** What `recordedBefore` keeps: what was recorded strictly before the instant (no instant asked: everything). */
export function recordedBy(recordedAt: string, point: Pick<AskedPoint, 'recordedBefore'>): boolean {
  return point.recordedBefore === undefined || recordedAt < point.recordedBefore;
}

/** A claim as the time rules see it: when it happened, when its source was published, when both were recorded. */
export interface ClaimTimes {
  occurred: DayRange;
  published: DayRange;
  recordedAt: string;
  sourceRecordedAt: string;
}

/** A claim counts when it happened by `asOf` and its source was published by `knownAt`, both recorded before `recordedBefore`. */
export function claimCounts(claim: ClaimTimes, point: AskedPoint): boolean {
  return (
    isBy(claim.occurred, point.asOf, point.mode) &&
    isBy(claim.published, point.knownAt, point.mode) &&
    recordedBy(claim.recordedAt, point) &&
    recordedBy(claim.sourceRecordedAt, point)
  );
}

/** `certain` when the claim certainly happened and was published by the dates, whatever the mode; else `possible`. */
export function certaintyOf(claim: Pick<ClaimTimes, 'occurred' | 'published'>, point: AskedPoint): Certainty {
  const certain = isBy(claim.occurred, point.asOf, 'certain') && isBy(claim.published, point.knownAt, 'certain');
  return certain ? 'certain' : 'possible';
}

/**
 * A retraction or a correction, as the time rules see it: when it was made public (a retraction,
 * on its own date; a correction, when its source was published), and when it was recorded.
 */
export interface WithdrawalTimes {
  published: DayRange;
  recordedAt: string;
}

/**
 * A withdrawal counts once its source is published by `knownAt` and it was recorded before
 * `recordedBefore`: it changes what is known, not when the withdrawn thing happened, so `asOf` has no say.
 */
export function withdrawalCounts(withdrawal: WithdrawalTimes, point: AskedPoint): boolean {
  return isBy(withdrawal.published, point.knownAt, point.mode) && recordedBy(withdrawal.recordedAt, point);
}

/** Whether every day `later` may be comes after every day `earlier` may be: certainly later. */
export function certainlyAfter(later: DayRange, earlier: DayRange): boolean {
  return later.earliest > earlier.latest;
}

/**
 * What is known at a point: the same point without `asOf`. A film's title, say, is knowledge
 * rather than an event: an answer as of 2021 may use a title published in 2022 if `knownAt`
 * (none asked: today) allows it.
 */
export function knowledgeAt(point: AskedPoint): AskedPoint {
  const { asOf: _, ...known } = point;
  return known;
}
