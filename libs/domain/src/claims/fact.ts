import { ClaimEvent } from '../events/timeline-events';

/** The fields facts are kept under (the ledger can be filtered by one). */
export const FACT_FIELDS = [
  'releasedOn',
  'scheduledFor',
  'views',
  'announcedOn',
  'confirmedOn',
  'greenlitOn',
  'wrappedOn',
] as const;

/**
 * What claims can disagree on: a single-valued fact (the release date of one film, its view
 * count over one counting window), or a growing series (the views a film had reached by each
 * date). Claims about the same fact are compared.
 */
export interface FactKey {
  filmId?: string;
  field: (typeof FACT_FIELDS)[number];
  /** Narrows the fact: the counting window of a view count. */
  window?: string;
}

export type FactValue = string | number;

export interface FactClaim {
  key: FactKey;
  value: FactValue;
  /**
   * Dates are compared as ranges of days and counts exactly; a `reading` is one point of a
   * series (a count reached by the date `at`), compared with the others by value and date.
   */
  valueKind: 'date' | 'count' | 'reading';
  /** The date (EDTF) a reading was taken: set for readings only. */
  at?: string;
}

/**
 * The facts a claim asserts. Chart rankings are many-valued (one per chart and country) and
 * assert none; a retraction asserts none of its own.
 */
export function factsOf(claim: ClaimEvent): FactClaim[] {
  switch (claim.type) {
    case 'FilmReleased':
      return [date(claim.data.filmId, 'releasedOn', claim.data.releasedOn)];
    case 'ReleaseScheduled':
      return [date(claim.data.filmId, 'scheduledFor', claim.data.scheduledFor)];
    case 'ViewershipMilestoneReached':
      // Over a counting window ("in its first 28 days") the count is one fact; without one, it
      // is the total reached by a date: a point of the film's views series.
      return [
        claim.data.window
          ? {
              key: { filmId: claim.data.filmId, field: 'views', window: claim.data.window },
              value: claim.data.views,
              valueKind: 'count',
            }
          : {
              key: { filmId: claim.data.filmId, field: 'views' },
              value: claim.data.views,
              valueKind: 'reading',
              at: claim.data.reachedOn,
            },
      ];
    case 'SequelAnnounced':
      return [date(claim.data.filmId, 'announcedOn', claim.data.announcedOn)];
    case 'TrilogyConfirmed':
      return [date(undefined, 'confirmedOn', claim.data.confirmedOn)];
    case 'ProductionGreenlit':
      return [date(claim.data.filmId, 'greenlitOn', claim.data.greenlitOn)];
    case 'ProductionWrapped':
      return [date(claim.data.filmId, 'wrappedOn', claim.data.wrappedOn)];
    case 'ChartRankingReached':
    case 'ClaimRetracted':
      return [];
    default:
      return assertNever(claim);
  }
}

export function factKeyId(key: FactKey): string {
  return [key.filmId ?? '', key.field, key.window ?? ''].join('|');
}

function date(filmId: string | undefined, field: FactKey['field'], value: string): FactClaim {
  return { key: { filmId, field }, value, valueKind: 'date' };
}

function assertNever(value: never): never {
  throw new Error(`unhandled claim ${JSON.stringify(value)}`);
}
