import { EdtfDate } from '../dates/edtf-date';
import type { FactValue } from './fact';
import type { ClaimedValue, ResolutionPolicy, ResolvedFact, Testimony } from './testimony';
import { compareOrigins, compareText, originOf } from './testimony';

/** A point of a series as compared: a count, and the days it may have been reached on. */
export interface SeriesPoint {
  value: FactValue;
  at?: string;
}

/**
 * A film's views only grow, so readings taken at different dates are different points, not rival
 * values. Two readings contradict each other only when they cannot both be true: the lower count
 * was certainly taken no earlier than the higher one (its first possible day is on or after the
 * higher's last), which includes two different counts for the same day.
 */
export function contradicts(a: SeriesPoint, b: SeriesPoint): boolean {
  return clash(toDays(a), toDays(b));
}

/** The points grouped by the contradictions that link them, directly or not; a point that contradicts none is alone. */
export function disputes<P extends SeriesPoint>(points: P[]): P[][] {
  const days = points.map((point) => ({ point, ...toDays(point) }));
  return disputesOf(days).map((group) => group.map((d) => d.point));
}

/** A reading as the rule compares it: its count and the first and last day it may have been taken. */
interface Days {
  value: number;
  earliest: string;
  latest: string;
}

function clash(a: Days, b: Days): boolean {
  if (a.value === b.value) return false;
  const [low, high] = a.value < b.value ? [a, b] : [b, a];
  return low.earliest >= high.latest;
}

interface Reading extends Days {
  testimony: Testimony;
  span: number;
}

/**
 * Resolves a series from its readings: every reading is believed unless it contradicts another,
 * and among contradicting readings the policy decides which stand, one at a time, each kept only
 * if it contradicts none already kept. The value believed is the highest count kept, and only
 * the contradicting readings are listed as values, so a series of a thousand consistent points
 * is one undisputed fact.
 */
export function resolveSeries(testimonies: Testimony[], policy: ResolutionPolicy): ResolvedFact {
  const readings = testimonies.map(toReading);
  const involved = contradicting(readings);
  const kept: Reading[] = [];
  const rejected: Reading[] = [];
  for (const reading of inPolicyOrder(involved, policy)) {
    (kept.some((other) => clash(other, reading)) ? rejected : kept).push(reading);
  }
  const out = new Set(rejected);
  const believed = readings.filter((r) => !out.has(r));
  const peak = Math.max(...believed.map((r) => r.value));
  const deciding = believed.filter((r) => r.value === peak);
  return {
    value: peak,
    // The believed count, then the rejected (the other side of each dispute), then the rest.
    values: valuesOf([...rejected, ...involved], peak, deciding),
    disputed: involved.length > 0,
    supportedBy: [...new Set(deciding.map((r) => r.testimony.sourceId))].sort(),
    origins: [...new Set(deciding.map((r) => originOf(r.testimony).sourceId))].sort(),
    policy,
    decidedBy: deciding.map((r) => r.testimony.eventId),
    rejected: rejected.map((r) => r.testimony.eventId),
  };
}

/**
 * The readings that contradict at least one other, found in two sweeps rather than by comparing
 * every pair: a reading is contradicted from below when some reading that certainly came before
 * it counted more, and from above when some reading certainly after it counted less.
 */
function contradicting(readings: Reading[]): Reading[] {
  const found = new Set<Reading>();
  const byLatest = [...readings].sort((a, b) => compareText(a.latest, b.latest));
  const byEarliest = [...readings].sort((a, b) => compareText(a.earliest, b.earliest));

  let highest = -Infinity;
  let done = 0;
  for (const reading of byEarliest) {
    while (done < byLatest.length && byLatest[done].latest <= reading.earliest)
      highest = Math.max(highest, byLatest[done++].value);
    if (highest > reading.value) found.add(reading);
  }
  let lowest = Infinity;
  let after = byEarliest.length - 1;
  for (const reading of byLatest.reverse()) {
    while (after >= 0 && byEarliest[after].earliest >= reading.latest)
      lowest = Math.min(lowest, byEarliest[after--].value);
    if (lowest < reading.value) found.add(reading);
  }
  return readings.filter((r) => found.has(r));
}

/** Which contradicting readings the policy weighs first. */
function inPolicyOrder(involved: Reading[], policy: ResolutionPolicy): Reading[] {
  const support = supportOf(involved);
  const byMajority = (a: Reading, b: Reading) =>
    support.get(b)! - support.get(a)! || a.span - b.span || compareOrigins(b.testimony, a.testimony);
  const rank = (r: Reading) => originOf(r.testimony).rank ?? 0;
  const order: Record<ResolutionPolicy, (a: Reading, b: Reading) => number> = {
    majority: byMajority,
    latest: (a, b) => compareOrigins(b.testimony, a.testimony),
    earliest: (a, b) => compareOrigins(a.testimony, b.testimony),
    trusted: (a, b) => rank(b) - rank(a) || byMajority(a, b),
  };
  return [...involved].sort(order[policy]);
}

/**
 * A contradicting reading's support: the independent origins of the readings in its dispute (those
 * linked to it by contradictions, directly or not) that can be true with it. Readings of other disputes,
 * months away, have no say in this one.
 */
function supportOf(involved: Reading[]): Map<Reading, number> {
  const support = new Map<Reading, number>();
  for (const members of disputesOf(involved)) {
    for (const r of members) {
      const sources = new Set<string>();
      for (const other of members) if (!clash(other, r)) sources.add(originOf(other.testimony).sourceId);
      support.set(r, sources.size);
    }
  }
  return support;
}

/**
 * The disputes: readings grouped by the contradictions that link them, directly or not. One
 * sweep back in time instead of comparing every pair (a franchise's views hold thousands of
 * readings): a reading contradicts every reading that began after it ended and counts less, so
 * it joins each dispute holding one of those. The disputes met so far wait in `open` by the
 * lowest count among their readings that began after the sweep's point, highest first, so
 * those a reading joins are the last ones.
 */
function disputesOf<R extends Days>(involved: R[]): R[][] {
  const parent = new Map(involved.map((r) => [r, r]));
  const root = (r: R): R => {
    let top = r;
    while (parent.get(top) !== top) top = parent.get(top)!;
    parent.set(r, top);
    return top;
  };
  const lowest = new Map<R, number>();
  const open: { root: R; lowest: number }[] = [];
  const reopen = (dispute: R, value: number) => {
    lowest.set(dispute, value);
    let at = open.length;
    while (at > 0 && open[at - 1].lowest < value) at--;
    open.splice(at, 0, { root: dispute, lowest: value });
  };
  const byEarliest = [...involved].sort((a, b) => compareText(b.earliest, a.earliest));
  const byLatest = [...involved].sort((a, b) => compareText(b.latest, a.latest));
  let began = 0;
  for (const high of byLatest) {
    for (; began < byEarliest.length && byEarliest[began].earliest >= high.latest; began++) {
      const low = byEarliest[began];
      reopen(root(low), Math.min(lowest.get(root(low)) ?? Infinity, low.value));
    }
    let joined = root(high);
    let value = lowest.get(joined) ?? Infinity;
    while (open.length > 0 && open[open.length - 1].lowest < high.value) {
      const last = open.pop()!;
      // An entry left behind by a dispute since merged into another, or since lowered.
      if (root(last.root) !== last.root || lowest.get(last.root) !== last.lowest) continue;
      parent.set(last.root, joined);
      value = Math.min(value, last.lowest);
      joined = root(high);
    }
    if (value < Infinity) reopen(joined, value);
  }
  const members = new Map<R, R[]>();
  for (const r of involved) {
    const group = members.get(root(r));
    if (group) group.push(r);
    else members.set(root(r), [r]);
  }
  return [...members.values()];
}

/** The counts listed for a series: the one believed first, then each contradicting count, with the dates claimed. */
function valuesOf(involved: Reading[], peak: number, deciding: Reading[]): ClaimedValue[] {
  const byValue = new Map<number, Reading[]>([[peak, deciding]]);
  for (const r of involved) {
    const holding = byValue.get(r.value) ?? [];
    if (!holding.includes(r)) byValue.set(r.value, [...holding, r]);
  }
  return [...byValue.entries()].map(([value, holding]) => ({
    value,
    sourceIds: [...new Set(holding.map((r) => r.testimony.sourceId))],
    origins: [...new Set(holding.map((r) => originOf(r.testimony).sourceId))],
    eventIds: holding.map((r) => r.testimony.eventId),
    at: [...new Set(holding.map((r) => r.testimony.claim.at!))],
  }));
}

function toReading(testimony: Testimony): Reading {
  const days = daysOf(testimony.claim);
  return {
    testimony,
    value: Number(testimony.claim.value),
    earliest: days.earliest,
    latest: days.latest,
    span: days.spanInDays,
  };
}

function toDays(point: SeriesPoint): Days {
  const { earliest, latest } = daysOf(point);
  return { value: Number(point.value), earliest, latest };
}

function daysOf(point: SeriesPoint): EdtfDate {
  if (!point.at) throw new Error(`a reading needs the date it was taken: ${JSON.stringify(point)}`);
  return EdtfDate.parse(point.at);
}
