import { EdtfDate } from '../dates/edtf-date';
import { FactClaim, FactValue } from './fact';
import { contradicts, resolveSeries } from './series';
import { ResolutionPolicy, ResolvedFact, Testimony, compareOrigins, originOf, weighRelays } from './testimony';

/**
 * Resolves one fact from every testimony about it, under a policy (default `majority`: the
 * value claimed by the most independent origins wins, a tie going to the more precise, then the
 * claim whose origin was most recently published).
 *
 * Dates at different precision are not a disagreement: "2022" and "2022-11-10" can both be
 * right, so the coarser backs the finer, and among equally backed values the more precise wins.
 * Only values that cannot both be true (disjoint dates, different counts) make a dispute. A
 * series (readings of a count by date) is resolved by its own rule: see `resolveSeries`.
 */
export function resolveFact(given: Testimony[], policy: ResolutionPolicy = 'majority'): ResolvedFact {
  if (given.length === 0) throw new Error('resolveFact needs at least one testimony');
  const testimonies = weighRelays(given);
  if (testimonies[0].claim.valueKind === 'reading') return resolveSeries(testimonies, policy);
  const groups = groupByValue(testimonies);
  const byMajority = groups
    .map((group) => {
      const backing = groups.filter((other) => backs(other, group.value)).flatMap((other) => other.testimonies);
      return {
        group,
        backing,
        backers: new Set(backing.map((t) => originOf(t).sourceId)),
        latest: latestTestimony(group.testimonies),
      };
    })
    .sort(
      (a, b) =>
        b.backers.size - a.backers.size ||
        precisionOf(a.group) - precisionOf(b.group) ||
        compareOrigins(b.latest, a.latest),
    );
  const { winner, decidedBy } = decide(policy, byMajority);
  const ordered = [winner, ...byMajority.filter((entry) => entry !== winner)];
  return {
    value: winner.group.value,
    values: ordered.map(({ group }) => ({
      value: group.value,
      sourceIds: unique(group.testimonies.map((t) => t.sourceId)),
      origins: unique(group.testimonies.map((t) => originOf(t).sourceId)),
      eventIds: group.testimonies.map((t) => t.eventId),
    })),
    disputed: groups.some((g) => groups.some((h) => !agree(g, h))),
    supportedBy: unique(winner.backing.map((t) => t.sourceId)).sort(),
    origins: [...winner.backers].sort(),
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
      const latest = all.reduce((best, t) => (compareOrigins(t, best) > 0 ? t : best));
      return { winner: holding(latest), decidedBy: [latest] };
    }
    case 'earliest': {
      const earliest = all.reduce((best, t) => (compareOrigins(t, best) < 0 ? t : best));
      return { winner: holding(earliest), decidedBy: [earliest] };
    }
    case 'trusted': {
      // Highest rank (of the origin) wins; among values claimed at that rank, the majority order decides.
      const rank = (t: Testimony) => originOf(t).rank ?? 0;
      const top = Math.max(...all.map(rank));
      const winner = candidates.find((c) => c.group.testimonies.some((t) => rank(t) === top))!;
      return { winner, decidedBy: winner.group.testimonies.filter((t) => rank(t) === top) };
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

/** A claimed value, with how it compares: dates as ranges of days, counts exactly, readings by count and date. */
export type ComparedValue = Pick<FactClaim, 'value' | 'valueKind' | 'at'>;

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

/**
 * Two claimed values agree when both can be true: the same count, nested dates (the same day at
 * different precision), or readings of a series that do not contradict each other.
 */
export function agree(a: ComparedValue, b: ComparedValue): boolean {
  if (a.valueKind === 'reading') return !contradicts(a, b);
  if (a.value === b.value) return true;
  if (a.valueKind !== 'date') return false;
  return EdtfDate.parse(String(a.value)).compatibleWith(EdtfDate.parse(String(b.value)));
}

function precisionOf(group: ValueGroup): number {
  return group.date ? group.date.spanInDays : 1;
}

function latestTestimony(testimonies: Testimony[]): Testimony {
  return testimonies.reduce((best, t) => (compareOrigins(t, best) > 0 ? t : best));
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
