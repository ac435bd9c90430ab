import { ResolutionPolicy } from '../claims/testimony';
import { DayRange } from '../dates/day-range';
import { filmIdOf } from '../events/timeline-events';
import { WeighedClaim, franchiseView } from './franchise-at-date';

/** A film's release as a calendar shows it: the day believed (or planned), and how often that changed. */
export interface CalendarRelease {
  filmId: string;
  status: 'released' | 'scheduled';
  /** As the believed claim gave it (EDTF), with the days it may be. */
  on: string;
  between: DayRange;
  /** The sources backing the date believed. */
  supportedBy: string[];
  /** How many times the date or the status believed changed after the first: a calendar's SEQUENCE. */
  revision: number;
  /** When the claim that made the last change was recorded. */
  changedAt: string;
}

/**
 * Each film's release date as believed under `policy`, with its history of changes: the claims
 * about a film's release and schedule are taken in recording order, and each that changes the
 * date (or turns a schedule into a release) is one revision. Only those claims are folded, film by
 * film, so the cost grows with a film's release claims, not with the franchise's history.
 */
export function releaseCalendar(claims: WeighedClaim[], policy: ResolutionPolicy = 'majority'): CalendarRelease[] {
  const byFilm = new Map<string, WeighedClaim[]>();
  for (const weighed of [...claims].sort((a, b) => a.sequence - b.sequence)) {
    const filmId = filmIdOf(weighed.claim);
    if (!filmId || (weighed.claim.type !== 'FilmReleased' && weighed.claim.type !== 'ReleaseScheduled')) continue;
    byFilm.set(filmId, [...(byFilm.get(filmId) ?? []), weighed]);
  }
  const releases: CalendarRelease[] = [];
  for (const [filmId, filmClaims] of byFilm) {
    let current: CalendarRelease | undefined;
    filmClaims.forEach((weighed, index) => {
      const view = franchiseView(filmClaims.slice(0, index + 1), policy);
      const film = view.films.find((f) => f.filmId === filmId);
      const on = film?.releasedOn ?? film?.scheduledOn;
      const between = film?.releasedBetween ?? film?.scheduledBetween;
      if (!film || !on || !between) return;
      const status = film.released ? 'released' : 'scheduled';
      const field = film.released ? 'releasedOn' : 'scheduledFor';
      const supportedBy = view.facts.find((f) => f.field === field)?.supportedBy ?? [];
      if (current && current.on === on && current.status === status) {
        current.supportedBy = supportedBy;
        return;
      }
      current = {
        filmId,
        status,
        on,
        between,
        supportedBy,
        revision: current ? current.revision + 1 : 0,
        changedAt: weighed.claim.meta.recordedAt,
      };
    });
    if (current) releases.push(current);
  }
  return releases.sort((a, b) => a.filmId.localeCompare(b.filmId));
}
