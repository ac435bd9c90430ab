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
    .map(([filmId, counts]) => compared(filmId, counts.sort(byWindowLength)))
    .sort((a, b) => a.filmId.localeCompare(b.filmId));
}

function compared(filmId: string, counts: ViewCount[]): ViewCountsCompared {
  const windowed = counts.filter((c): c is ViewCount & { window: string } => c.window !== null);
  const pairs = windowed.flatMap((a) => windowed.filter((b) => b !== a && b.value !== a.value).map((b) => [a, b]));
  const broken = pairs.find(
    ([shorter, longer]) => noLonger(shorter.window, longer.window) && shorter.value > longer.value,
  );
  if (broken)
    return {
      filmId,
      counts,
      consistent: false,
      contradiction: { shorter: broken[0].window, longer: broken[1].window },
    };
  const unordered = pairs.find(
    ([a, b]) => a.window < b.window && !noLonger(a.window, b.window) && !noLonger(b.window, a.window),
  );
  return {
    filmId,
    counts,
    consistent: true,
    ...(unordered ? { unordered: [unordered[0].window, unordered[1].window] } : {}),
  };
}

/** Whether window `a` certainly lasts no longer than `b`: by count in a shared unit, else by the days each may last. */
function noLonger(a: string, b: string): boolean {
  const [x, y] = [durationLength(a), durationLength(b)];
  if (x.unit === y.unit) return x.count <= y.count;
  return durationDays(a).most <= durationDays(b).fewest;
}

function byWindowLength(a: ViewCount, b: ViewCount): number {
  if (a.window === null || b.window === null) return (a.window === null ? 1 : 0) - (b.window === null ? 1 : 0);
  const [x, y] = [durationDays(a.window), durationDays(b.window)];
  return x.fewest - y.fewest || x.most - y.most;
}
