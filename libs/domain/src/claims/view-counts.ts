import { durationDays } from '../dates/duration';
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
 * count over a window certainly no longer than another's may be lower, never higher. `why` says
 * which, in words a reader of the state can quote.
 */
export interface ViewCountsCompared {
  filmId: string;
  /** Shortest window first, the total reached by a date last. */
  counts: ViewCount[];
  consistent: boolean;
  why: string;
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
  const windowed = counts.filter((c) => c.window !== null);
  for (const shorter of windowed) {
    const longer = windowed.find(
      (other) =>
        durationDays(shorter.window!).most <= durationDays(other.window!).fewest && other.value < shorter.value,
    );
    if (longer) {
      return {
        filmId,
        counts,
        consistent: false,
        why:
          `The count over ${shorter.window} (${shorter.value}) is higher than the count over ${longer.window} ` +
          `(${longer.value}), a window at least as long: views only grow, so one of them is wrong.`,
      };
    }
  }
  const named = counts.map((c) => c.window ?? 'a total reached by a date');
  const total = counts.some((c) => c.window === null)
    ? ' A total reached by a date is not ordered against a window: the window starts at the release, a fact of its own.'
    : '';
  return {
    filmId,
    counts,
    consistent: true,
    why:
      `Counts over different windows (${named.join(', ')}) are different figures, not rival values: views only grow, ` +
      `so a count over a shorter window may be lower than one over a longer window, never higher, and none here is.${total}`,
  };
}

function byWindowLength(a: ViewCount, b: ViewCount): number {
  if (a.window === null || b.window === null) return (a.window === null ? 1 : 0) - (b.window === null ? 1 : 0);
  return (
    durationDays(a.window).fewest - durationDays(b.window).fewest ||
    durationDays(a.window).most - durationDays(b.window).most
  );
}
