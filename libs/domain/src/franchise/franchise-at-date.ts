import { FactKey, FactValue, factKeyId, factsOf } from '../claims/fact';
import { resolveFact } from '../claims/resolve-fact';
import { ClaimedValue, Origin, ResolutionPolicy, ResolvedFact, Testimony } from '../claims/testimony';
import { ViewCountsCompared, compareViewCounts } from '../claims/view-counts';
import { DayRange } from '../dates/day-range';
import { EdtfDate } from '../dates/edtf-date';
import { ClaimEvent, filmIdOf } from '../events/timeline-events';

/** A claim as views weigh it: with its source's publication date and its recording order. */
export interface WeighedClaim {
  claim: ClaimEvent;
  publishedOn: EdtfDate;
  /** The last day it may have been published, when earlier than `publishedOn`'s (see `Testimony`). */
  publishedBy?: string;
  sequence: number;
  /** False when, by the dates asked, the claim only possibly happened and was published. Default true. */
  certain?: boolean;
  /** The source's reliability rank, for the `trusted` policy. */
  rank?: number;
  /** The source it relied on (`basedOn`), registered; none when the claim names none. */
  origin?: Origin;
}

export type FilmStatus = 'announced' | 'scheduled' | 'released';

export interface FilmView {
  filmId: string;
  title: string;
  status: FilmStatus;
  released: boolean;
  /** As the believed claim gave it (EDTF), with the days it may be. */
  releasedOn: string | null;
  releasedBetween: DayRange | null;
  scheduledOn: string | null;
  scheduledBetween: DayRange | null;
  peakViews: number | null;
  /** `certain` when a claim establishing the film's status certainly holds by the dates asked. */
  certainty: 'certain' | 'possible';
}

/**
 * A conflict lists at most this many values (the believed first), so that a state stays
 * readable whatever a series' history; the claims ledger lists them all, paged.
 */
export const MAX_CONFLICT_VALUES = 20;

export interface Conflict {
  filmId: string | null;
  field: FactKey['field'];
  window?: string;
  /** The value the service believes under `policy`. */
  resolved: FactValue;
  policy: ResolutionPolicy;
  values: ClaimedValue[];
  /** How many more values were claimed than `values` lists (see `MAX_CONFLICT_VALUES`). */
  valuesOmitted?: number;
}

/** A resolved fact, and why the service believes it. */
export interface FactBelief {
  filmId: string | null;
  field: FactKey['field'];
  window?: string;
  value: FactValue;
  policy: ResolutionPolicy;
  /** The claims (event ids) that decided the value under the policy. */
  decidedBy: string[];
  /** Sources whose claims back the value. */
  supportedBy: string[];
  /** The independent origins behind them (a source that names none is its own): what the policy counted. */
  origins: string[];
  disputed: boolean;
  certainty: 'certain' | 'possible';
}

export interface FranchiseView {
  films: FilmView[];
  sequelAnnounced: boolean;
  trilogyConfirmed: boolean;
  conflicts: Conflict[];
  facts: FactBelief[];
  /** Films whose views differ from one counting window to another, and why that is or is not a conflict. */
  viewCounts: ViewCountsCompared[];
}

export interface FactView {
  key: FactKey;
  resolution: ResolvedFact;
}

/** Every single-valued fact the claims speak of, each resolved from all its testimonies. */
export function resolveFacts(claims: WeighedClaim[], policy: ResolutionPolicy = 'majority'): FactView[] {
  const byFact = new Map<string, { key: FactKey; testimonies: Testimony[] }>();
  for (const { claim, publishedOn, publishedBy, sequence, rank, origin } of claims) {
    for (const fact of factsOf(claim)) {
      const id = factKeyId(fact.key);
      const entry = byFact.get(id) ?? { key: fact.key, testimonies: [] };
      entry.testimonies.push({
        claim: fact,
        eventId: claim.eventId,
        sourceId: claim.meta.sourceId ?? '',
        publishedOn,
        publishedBy,
        sequence,
        rank,
        ...(origin ? { origin } : {}),
      });
      byFact.set(id, entry);
    }
  }
  return [...byFact.values()].map(({ key, testimonies }) => ({ key, resolution: resolveFact(testimonies, policy) }));
}

/**
 * The franchise as the given claims describe it. The caller picks the claims (those that had
 * happened by `asOf`, from sources published by `knownAt`); this only folds and resolves them.
 * A film is released only when some claim reports its release or its views (then with no
 * release date unless a claim gives one): a date in the past that it was scheduled for does not
 * make it released. Films are named by `titles` (see `knowledgeAt`), or by
 * the titles the claims themselves give.
 */
export function franchiseView(
  claims: WeighedClaim[],
  policy: ResolutionPolicy = 'majority',
  titles?: Map<string, string>,
): FranchiseView {
  const ordered = [...claims].sort((a, b) => a.sequence - b.sequence);
  const named = titles ?? filmTitles(ordered.map(({ claim }) => claim));
  const facts = resolveFacts(ordered, policy);
  const certainIds = new Set(ordered.filter(({ certain }) => certain !== false).map(({ claim }) => claim.eventId));
  const films = new Map<string, FilmView>();

  for (const { claim } of ordered) {
    const filmId = filmIdOf(claim);
    if (filmId && !films.has(filmId)) films.set(filmId, emptyFilm(filmId, titleOf(named, filmId)));
  }

  for (const { key, resolution } of facts) {
    const film = key.filmId ? films.get(key.filmId) : undefined;
    if (!film) continue;
    if (key.field === 'releasedOn') {
      film.releasedOn = String(resolution.value);
      film.releasedBetween = EdtfDate.parse(film.releasedOn).days;
    } else if (key.field === 'scheduledFor') {
      film.scheduledOn = String(resolution.value);
      film.scheduledBetween = EdtfDate.parse(film.scheduledOn).days;
    } else if (key.field === 'views') {
      film.peakViews = Math.max(film.peakViews ?? 0, Number(resolution.value));
    }
  }
  for (const { claim } of ordered) {
    const film = films.get(filmIdOf(claim) ?? '');
    if (film && establishes(claim, 'released')) film.released = true;
  }
  for (const film of films.values()) {
    film.status = film.released ? 'released' : film.scheduledOn ? 'scheduled' : 'announced';
    const establishing = ordered.filter(
      ({ claim }) => filmIdOf(claim) === film.filmId && establishes(claim, film.status),
    );
    film.certainty = establishing.some(({ certain }) => certain !== false) ? 'certain' : 'possible';
  }

  return {
    films: [...films.values()].sort((a, b) => a.filmId.localeCompare(b.filmId)),
    sequelAnnounced: ordered.some(({ claim }) => claim.type === 'SequelAnnounced'),
    trilogyConfirmed: ordered.some(({ claim }) => claim.type === 'TrilogyConfirmed'),
    conflicts: facts
      .filter(({ resolution }) => resolution.disputed)
      .map(({ key, resolution }) => ({
        ...keyFields(key),
        resolved: resolution.value,
        policy,
        values: resolution.values.slice(0, MAX_CONFLICT_VALUES),
        ...(resolution.values.length > MAX_CONFLICT_VALUES
          ? { valuesOmitted: resolution.values.length - MAX_CONFLICT_VALUES }
          : {}),
      })),
    facts: facts.map(({ key, resolution }) => ({
      ...keyFields(key),
      value: resolution.value,
      policy,
      decidedBy: resolution.decidedBy,
      supportedBy: resolution.supportedBy,
      origins: resolution.origins,
      disputed: resolution.disputed,
      certainty: resolution.decidedBy.some((id) => certainIds.has(id)) ? 'certain' : 'possible',
    })),
    viewCounts: compareViewCounts(facts),
  };
}

/** Each film's title as the claims (in recording order) give it: the last one given wins. */
export function filmTitles(claims: ClaimEvent[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const claim of claims) {
    const filmId = filmIdOf(claim);
    const title = (claim.data as { title?: string }).title;
    if (filmId && title) titles.set(filmId, title);
  }
  return titles;
}

/** A film's title among `titles`, or its id when no claim gave one. */
export function titleOf(titles: Map<string, string>, filmId: string): string {
  return titles.get(filmId) ?? filmId;
}

/** How a fact is named in answers: its film (null for the franchise), field and counting window. */
function keyFields(key: FactKey): { filmId: string | null; field: FactKey['field']; window?: string } {
  return { filmId: key.filmId ?? null, field: key.field, ...(key.window ? { window: key.window } : {}) };
}

/**
 * Claims that show a film was out: its release, or a view count (then its release date may be
 * unknown). Chart rankings would too, but they assert no fact, so the state's read model keeps none.
 */
const SHOWS_RELEASED: ClaimEvent['type'][] = ['FilmReleased', 'ViewershipMilestoneReached'];

/** The claims that make a film's status: its release, its schedule, or any mention for an announced film. */

function establishes(claim: ClaimEvent, status: FilmStatus): boolean {
  if (status === 'released') return SHOWS_RELEASED.includes(claim.type);
  if (status === 'scheduled') return claim.type === 'ReleaseScheduled';
  return true;
}

function emptyFilm(filmId: string, title: string): FilmView {
  return {
    filmId,
    title,
    status: 'announced',
    released: false,
    releasedOn: null,
    releasedBetween: null,
    scheduledOn: null,
    scheduledBetween: null,
    peakViews: null,
    certainty: 'certain',
  };
}
