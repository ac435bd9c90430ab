import { ResolutionPolicy } from '../claims/testimony';
import { DayRange } from '../dates/day-range';
import { filmIdOf } from '../events/timeline-events';
import { WeighedClaim, franchiseView } from './franchise-at-date';

/** A film's release as a calendar shows it: the day believed (or planned), and a count that only grows. */
export interface CalendarRelease {
  filmId: string;
  status: 'released' | 'scheduled';
  /** As the believed claim gave it (EDTF), with the days it may be. */
  on: string;
  between: DayRange;
  /** The sources backing the date believed. */
  supportedBy: string[];
  /**
   * How many times the film's release was touched after its first claim: each release or schedule
   * claim recorded, and each withdrawal of one. A calendar's SEQUENCE: it never goes down, so a
   * retraction that brings an earlier date back is an update too.
   */
  revision: number;
  /** When the last claim about the film's release was recorded. */
  changedAt: string;
}

/** A claim as the calendar weighs it: withdrawn ones count as touches, not as testimony. */
export type CalendarClaim = WeighedClaim & { withdrawn?: boolean };

/**
 * Each film's release date as believed under `policy`, from its release and schedule claims alone
 * (the date believed depends on nothing else), folded once per film.
 */
export function releaseCalendar(claims: CalendarClaim[], policy: ResolutionPolicy = 'majority'): CalendarRelease[] {
  const byFilm = new Map<string, CalendarClaim[]>();
  for (const weighed of claims) {
    const filmId = filmIdOf(weighed.claim);
    if (!filmId || (weighed.claim.type !== 'FilmReleased' && weighed.claim.type !== 'ReleaseScheduled')) continue;
    const filmClaims = byFilm.get(filmId);
    if (filmClaims) filmClaims.push(weighed);
    else byFilm.set(filmId, [weighed]);
  }
  const releases: CalendarRelease[] = [];
  for (const [filmId, filmClaims] of byFilm) {
    const view = franchiseView(
      filmClaims.filter((c) => !c.withdrawn),
      policy,
    );
    const film = view.films.find((f) => f.filmId === filmId);
    const on = film?.releasedOn ?? film?.scheduledOn;
    const between = film?.releasedBetween ?? film?.scheduledBetween;
    if (!film || !on || !between) continue;
    const field = film.released ? 'releasedOn' : 'scheduledFor';
    const touches = filmClaims.length + filmClaims.filter((c) => c.withdrawn).length;
    releases.push({
      filmId,
      status: film.released ? 'released' : 'scheduled',
      on,
      between,
      supportedBy: view.facts.find((f) => f.field === field)?.supportedBy ?? [],
      revision: touches - 1,
      changedAt: filmClaims.map((c) => c.claim.meta.recordedAt).reduce((a, b) => (a > b ? a : b)),
    });
  }
  return releases.sort((a, b) => a.filmId.localeCompare(b.filmId));
}
