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
}

/**
 * Resolves one fact from every testimony about it, under a policy (default `majority`: the
 * value claimed by the most sources wins, a tie going to the more precise, then the most
 * recently published claim).
 *
 * Dates at different precision are not a disagreement: "2022" and "2022-11-10" can both be
 * right, so the coarser backs the finer, and among equally backed values the more precise wins.
 * Only values that cannot both be true (disjoint dates, different counts) make a dispute.
 */
export function resolveFact(testimonies: Testimony[], policy: ResolutionPolicy = 'majority'): ResolvedFact {
  if (testimonies.length === 0) throw new Error('resolveFact needs at least one testimony');
  const groups = groupByValue(testimonies);
  const byMajority = groups
    .map((group) => {
      const backing = groups.filter((other) => backs(other, group.value)).flatMap((other) => other.testimonies);
      return {
        group,
        backing,
        backers: new Set(backing.map((t) => t.sourceId)),
        latest: latestTestimony(group.testimonies),
      };
    })
    .sort(
      (a, b) =>
        b.backers.size - a.backers.size ||
        precisionOf(a.group) - precisionOf(b.group) ||
        compareRecency(b.latest, a.latest),
    );
  const { winner, decidedBy } = decide(policy, byMajority);
  const ordered = [winner, ...byMajority.filter((entry) => entry !== winner)];
  return {
    value: winner.group.value,
    values: ordered.map(({ group }) => ({
      value: group.value,
      sourceIds: unique(group.testimonies.map((t) => t.sourceId)),
      eventIds: group.testimonies.map((t) => t.eventId),
    })),
    disputed: groups.some((g) => groups.some((h) => !agree(g, h.value))),
    supportedBy: [...winner.backers].sort(),
    policy,
    decidedBy: decidedBy.map((t) => t.eventId),
  };
}

type Scored = { group: ValueGroup; backing: Testimony[]; backers: Set<string>; latest: Testimony };

/** The winning value and the testimonies that made it win. `candidates` come in majority order. */
function decide(policy: ResolutionPolicy, candidates: Scored[]): { winner: Scored; decidedBy: Testimony[] } {
  const all = candidates.flatMap((c) => c.group.testimonies);
  const holding = (t: Testimony) => candidates.find((c) => c.group.testimonies.includes(t))!;
  switch (policy) {
    case 'majority':
      return { winner: candidates[0], decidedBy: candidates[0].backing };
    case 'latest': {
      const latest = all.reduce((best, t) => (compareRecency(t, best) > 0 ? t : best));
      return { winner: holding(latest), decidedBy: [latest] };
    }
    case 'earliest': {
      const earliest = all.reduce((best, t) => (compareRecency(t, best) < 0 ? t : best));
      return { winner: holding(earliest), decidedBy: [earliest] };
    }
    case 'trusted': {
      // Highest rank wins; among values claimed at that rank, the majority order decides.
      const top = Math.max(...all.map((t) => t.rank ?? 0));
      const winner = candidates.find((c) => c.group.testimonies.some((t) => (t.rank ?? 0) === top))!;
      return { winner, decidedBy: winner.group.testimonies.filter((t) => (t.rank ?? 0) === top) };
    }
  }
}

interface ValueGroup {
  value: FactValue;
  valueKind: FactClaim['valueKind'];
  date?: EdtfDate;
  testimonies: Testimony[];
}

function groupByValue(testimonies: Testimony[]): ValueGroup[] {
  const groups = new Map<FactValue, ValueGroup>();
  for (const t of testimonies) {
    const group = groups.get(t.claim.value);
    if (group) group.testimonies.push(t);
    else {
      const date = t.claim.valueKind === 'date' ? EdtfDate.parse(String(t.claim.value)) : undefined;
      groups.set(t.claim.value, { value: t.claim.value, valueKind: t.claim.valueKind, date, testimonies: [t] });
    }
  }
  return [...groups.values()];
}

/** A claimed value, with how it compares: dates as ranges of days, counts exactly. */
export type ComparedValue = Pick<FactClaim, 'value' | 'valueKind'>;

/**
 * A claim backs a value when it is that value or a coarser date containing it: "2020" backs
 * "2020-06-19", never the reverse, or a vague date would gather support from both sides
 * of a dispute it cannot settle.
 */
export function backs(claimed: ComparedValue, candidate: FactValue): boolean {
  if (claimed.value === candidate) return true;
  if (claimed.valueKind !== 'date') return false;
  return EdtfDate.parse(String(candidate)).within(EdtfDate.parse(String(claimed.value)));
}

/** Two values agree when both can be true: the same count, or nested dates (the same day at different precision). */
export function agree(a: ComparedValue, b: FactValue): boolean {
  if (a.value === b) return true;
  if (a.valueKind !== 'date') return false;
  return EdtfDate.parse(String(a.value)).compatibleWith(EdtfDate.parse(String(b)));
}

function precisionOf(group: ValueGroup): number {
  return group.date ? group.date.spanInDays : 1;
}

function latestTestimony(testimonies: Testimony[]): Testimony {
  return testimonies.reduce((best, t) => (compareRecency(t, best) > 0 ? t : best));
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

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
