import type { FactKey, Film, TimelineEntry } from './api';
import { DayRange, OPEN_END, OPEN_START, dateWithEdtf, dayNumber, dayString, isExact } from './days';

/** Lane names per kind of claim; a kind the page does not know yet shows under its event type. */
export const KIND_LABELS: Record<string, string> = {
  FilmReleased: 'release',
  ReleaseScheduled: 'scheduled release',
  ViewershipMilestoneReached: 'views',
  SequelAnnounced: 'sequel announced',
  TrilogyConfirmed: 'trilogy confirmed',
  ProductionGreenlit: 'greenlight',
  ProductionWrapped: 'shooting wrapped',
  ChartRankingReached: 'chart ranking',
  ClaimRetracted: 'retraction',
};

export const FRANCHISE_LANE = 'franchise';

export interface Lane {
  id: string;
  title: string;
}

/** One mark on the timeline: a day (exact) or the span of days an uncertain date may be. */
export interface Mark {
  id: string;
  lane: string;
  /** Its kind and its source, and a flag when the sources disagree on its fact. */
  label: string;
  /** The days drawn: a scheduled release at the day planned, any other claim when it happened. */
  days: DayRange;
  exact: boolean;
  /** An end the source left open (`2021-09/..`): see `drawnDays`. */
  open: boolean;
  /** Sources disagree on the fact it claims a value of, at the dates asked. */
  disputed: boolean;
  description: string;
  entry: TimelineEntry;
}

/**
 * The lanes: the franchise's own, then one per film, in the state's order (named as known at the
 * dates asked), then any film only the timeline names.
 */
export function lanesOf(franchiseTitle: string, films: Film[], entries: TimelineEntry[]): Lane[] {
  const lanes: Lane[] = [{ id: FRANCHISE_LANE, title: `${franchiseTitle}: the franchise` }];
  const seen = new Set<string>();
  for (const film of films) {
    lanes.push({ id: film.filmId, title: film.title });
    seen.add(film.filmId);
  }
  for (const entry of entries) {
    if (entry.filmId && !seen.has(entry.filmId)) {
      lanes.push({ id: entry.filmId, title: entry.filmId });
      seen.add(entry.filmId);
    }
  }
  return lanes;
}

/** The same fact, whether named by a timeline entry or by the state. */
export function factId(fact: FactKey): string {
  return [fact.filmId ?? '', fact.field, fact.window ?? ''].join('|');
}

/** A mark per entry; `disputed` holds the `factId`s of the facts sources disagree on. */
export function marksOf(entries: TimelineEntry[], disputed: Set<string> = new Set()): Mark[] {
  return entries.map((entry) => {
    const kind = KIND_LABELS[entry.type] ?? entry.type;
    const days = entry.scheduledBetween ?? entry.occurredBetween;
    const when = entry.scheduledFor
      ? `planned for ${dateWithEdtf(entry.scheduledFor)}, announced ${dateWithEdtf(entry.occurredOn)}`
      : dateWithEdtf(entry.occurredOn);
    const contested = entry.fact !== undefined && disputed.has(factId(entry.fact));
    return {
      id: entry.eventId,
      lane: entry.filmId ?? FRANCHISE_LANE,
      label: `${contested ? '⚑ ' : ''}${kind} · ${entry.sourceId}`,
      days,
      exact: isExact(days),
      open: days.earliest === OPEN_START || days.latest === OPEN_END,
      disputed: contested,
      description: `${entry.summary}. ${when}. Source: ${entry.sourceId}.${contested ? ' Sources disagree on this.' : ''}`,
      entry,
    };
  });
}

/**
 * Where an open end is drawn: a year past the timeline's extent (`extentOf`), far enough to read
 * as "and after", near enough not to squash the rest.
 */
export function drawnDays(mark: Mark, extent: DayRange): DayRange {
  const margin = 365;
  return {
    earliest: mark.days.earliest === OPEN_START ? dayString(dayNumber(extent.earliest) - margin) : mark.days.earliest,
    latest: mark.days.latest === OPEN_END ? dayString(dayNumber(extent.latest) + margin) : mark.days.latest,
  };
}

/** The first and last day of anything on the timeline, open ends aside: the sliders' range. */
export function extentOf(marks: Mark[]): DayRange | undefined {
  const days = marks.flatMap((m) =>
    [m.entry.occurredBetween.earliest, m.entry.occurredBetween.latest, m.days.earliest, m.days.latest].filter(
      (d) => d !== OPEN_START && d !== OPEN_END,
    ),
  );
  if (days.length === 0) return undefined;
  return { earliest: days.reduce((a, b) => (a < b ? a : b)), latest: days.reduce((a, b) => (a > b ? a : b)) };
}
