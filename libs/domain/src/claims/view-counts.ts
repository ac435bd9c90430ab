import { durationDays, durationLength } from '../dates/duration';
import type { FactKey } from './fact';
import type { ResolvedFact } from './testimony';

/** One of a film's view counts as believed: over a counting window, or (no window) the total reached by a date. */
export interface ViewCount {
  window: string | null;
  value: number;
  supportedBy: string[];
  origins: string[];
}

/**
 * A film's view counts over different windows, side by side. They are different figures, so no
 * policy sets one against another; what can be checked is their order, since views only grow: a
 * count over a window certainly no longer than another's may be lower, never higher. (Worded for
 * readers by the queries: `explainViewCounts`.)
 */
export interface ViewCountsCompared {
  filmId: string;
  /** Shortest window first, the total reached by a date last. */
  counts: ViewCount[];
  consistent: boolean;
  /** When not consistent: a window that counts more than one at least as long. */
  contradiction?: { shorter: string; longer: string };
  /** Two windows whose counts differ but which cannot be ordered: either may be the longer. */
  unordered?: [string, string];
}

/** For each film whose view facts hold more than one value, how those values stand to each other. */
export function compareViewCounts(facts: { key: FactKey; resolution: ResolvedFact }[]): ViewCountsCompared[] {
  const byFilm = new Map<string, ViewCount[]>();
  for (const { key, resolution } of facts) {
    if (key.field !== 'views' || !key.filmId) continue;
    const counts = byFilm.get(key.filmId) ?? [];
    counts.push({
      window: key.window ?? null,
      value: Number(resolution.value),
      supportedBy: resolution.supportedBy,
      origins: resolution.origins,
    });
    byFilm.set(key.filmId, counts);
  }
  return [...byFilm.entries()]
    .filter(([, counts]) => new Set(counts.map((c) => c.value)).size > 1)
    .map(([filmId, counts]) => compared(filmId, counts))
    .sort((a, b) => a.filmId.localeCompare(b.filmId));
}

/** A count over a window, with the window's length worked out once: every state read compares them. */
interface Windowed {
  count: ViewCount;
  window: string;
  length: { unit: 'days' | 'months'; count: number };
  days: { fewest: number; most: number };
}

function compared(filmId: string, given: ViewCount[]): ViewCountsCompared {
  const windowed: Windowed[] = given.flatMap((count) =>
    count.window === null
      ? []
      : [{ count, window: count.window, length: durationLength(count.window), days: durationDays(count.window) }],
  );
  windowed.sort((a, b) => a.days.fewest - b.days.fewest || a.days.most - b.days.most);
  const counts = [...windowed.map((w) => w.count), ...given.filter((c) => c.window === null)];
  let unordered: [string, string] | undefined;
  for (const a of windowed) {
    for (const b of windowed) {
      if (a === b || a.count.value === b.count.value) continue;
      if (noLonger(a, b) && a.count.value > b.count.value) {
        return { filmId, counts, consistent: false, contradiction: { shorter: a.window, longer: b.window } };
      }
      if (!unordered && a.window < b.window && !noLonger(a, b) && !noLonger(b, a)) unordered = [a.window, b.window];
    }
  }
  return { filmId, counts, consistent: true, ...(unordered ? { unordered } : {}) };
}

/** Whether window `a` certainly lasts no longer than `b`: by count in a shared unit, else by the days each may last. */
function noLonger(a: Windowed, b: Windowed): boolean {
  if (a.length.unit === b.length.unit) return a.length.count <= b.length.count;
  return a.days.most <= b.days.fewest;
}
