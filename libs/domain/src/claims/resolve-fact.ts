import { EdtfDate } from '../dates/edtf-date';
import { FactClaim, FactValue } from './fact';

/** One source's claim of a value, with what resolution weighs. */
export interface Testimony {
  claim: FactClaim;
  eventId: string;
  sourceId: string;
  /** When the source was published: a tie goes to the most recent. */
  publishedOn: EdtfDate;
  /** Recording order in the global log: the last tie-break. */
  sequence: number;
}

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
}

/**
 * Resolves one fact from every testimony about it: the value claimed by the most sources
 * wins, a tie going to the most recently published claim.
 *
 * Dates at different precision are not a disagreement: "2022" and "2022-11-10" can both be
 * right, so the coarser backs the finer, and among equally backed values the more precise wins.
 * Only values that cannot both be true (disjoint dates, different counts) make a dispute.
 */
export function resolveFact(testimonies: Testimony[]): ResolvedFact {
  if (testimonies.length === 0) throw new Error('resolveFact needs at least one testimony');
  const groups = groupByValue(testimonies);
  const scored = groups.map((group) => {
    const backers = new Set<string>();
    for (const other of groups) {
      if (backs(other, group)) other.testimonies.forEach((t) => backers.add(t.sourceId));
    }
    return { group, backers, latest: latestTestimony(group.testimonies) };
  });
  scored.sort(
    (a, b) =>
      b.backers.size - a.backers.size ||
      precisionOf(a.group) - precisionOf(b.group) ||
      compareRecency(b.latest, a.latest),
  );
  const winner = scored[0];
  const disputed = groups.some((g) => groups.some((h) => !agree(g, h)));
  return {
    value: winner.group.value,
    values: scored.map(({ group }) => ({
      value: group.value,
      sourceIds: unique(group.testimonies.map((t) => t.sourceId)),
      eventIds: group.testimonies.map((t) => t.eventId),
    })),
    disputed,
    supportedBy: [...winner.backers].sort(),
  };
}

interface ValueGroup {
  value: FactValue;
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
      groups.set(t.claim.value, { value: t.claim.value, date, testimonies: [t] });
    }
  }
  return [...groups.values()];
}

/**
 * A claim backs a value when it is that value or a coarser date containing it: "2020" backs
 * "2020-06-19", never the reverse, or a vague date would gather support from both sides
 * of a dispute it cannot settle.
 */
function backs(claimed: ValueGroup, candidate: ValueGroup): boolean {
  if (claimed.date && candidate.date) return candidate.date.within(claimed.date);
  return claimed.value === candidate.value;
}

function agree(a: ValueGroup, b: ValueGroup): boolean {
  if (a.date && b.date) return a.date.compatibleWith(b.date);
  return a.value === b.value;
}

function precisionOf(group: ValueGroup): number {
  return group.date ? group.date.spanInDays : 1;
}

function latestTestimony(testimonies: Testimony[]): Testimony {
  return testimonies.reduce((best, t) => (compareRecency(t, best) > 0 ? t : best));
}

/** Positive when `a` was published (then recorded) after `b`. */
function compareRecency(a: Testimony, b: Testimony): number {
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
