/**
 * Every event the service records, in one place. Names are stable, past-tense strings
 * (never derived from class names) and payloads are plain JSON, so stored events stay
 * readable by any later version; `schemaVersion` says which payload shape was written.
 *
 * Franchise streams hold `FranchiseCreated` then claims: dated facts that one source
 * reported. Source streams hold `SourceRegistered`.
 */
export const SCHEMA_VERSION = 1;

/** Who recorded an event and when; `sourceId` is set on claims, the article that made them. */
export interface EventMeta {
  recordedAt: string;
  recordedBy: string;
  schemaVersion: number;
  sourceId?: string;
}

export interface TimelineEventOf<Type extends string, Data> {
  type: Type;
  eventId: string;
  data: Data;
  meta: EventMeta;
}

export interface FranchiseCreatedData {
  franchiseId: string;
  title: string;
  aliases: string[];
}

export interface SourceRegisteredData {
  sourceId: string;
  name: string;
  /** Partial date: as precise as the article allows. */
  publishedOn: string;
  url?: string;
  language?: string;
  /** Where the article is kept, e.g. the seed file's name. */
  reference?: string;
  /** How the publication date was established when the article gives none. */
  notes?: string;
}

/** What every claim may carry: the earlier claim (event id) it corrects. */
interface ClaimDataBase {
  franchiseId: string;
  supersedes?: string;
}

interface FilmClaimData extends ClaimDataBase {
  filmId: string;
}

export interface FilmReleasedData extends FilmClaimData {
  title?: string;
  releasedOn: string;
  platform?: string;
}

export interface ReleaseScheduledData extends FilmClaimData {
  title?: string;
  /** When the schedule was made public: the day this event happened. */
  announcedOn: string;
  /** The day the release is planned for; may lie in the source's future. */
  scheduledFor: string;
  platform?: string;
}

export interface ViewershipMilestoneReachedData extends FilmClaimData {
  views: number;
  reachedOn: string;
  /** Counting window as an ISO 8601 duration, e.g. `P28D` for the first 28 days. */
  window?: string;
}

export interface SequelAnnouncedData extends FilmClaimData {
  title?: string;
  announcedOn: string;
}

export interface TrilogyConfirmedData extends ClaimDataBase {
  confirmedOn: string;
}

export interface ProductionGreenlitData extends FilmClaimData {
  title?: string;
  greenlitOn: string;
  /** Who gave the green light, e.g. the platform that funds the film. */
  by?: string;
}

export interface ProductionWrappedData extends FilmClaimData {
  wrappedOn: string;
  shootingWeeks?: number;
}

export interface ChartRankingReachedData extends FilmClaimData {
  /** Which chart, e.g. `netflix-top-10-films`. */
  chart: string;
  /** Best position reached; 10 reads "within the top 10". */
  rank: number;
  rankedOn: string;
  /** ISO 3166-1 alpha-2 country code when the ranking is for one country. */
  territory?: string;
  /** In how many countries the rank was reached, when the source gives a count. */
  territoryCount?: number;
  weeks?: number;
}

/** An administrator's judgement of how far a source can be trusted: higher wins under the `trusted` policy. */
export interface SourceReliabilityRankedData {
  sourceId: string;
  rank: number;
  reason?: string;
}

/**
 * A source withdraws an earlier claim (its own or another's). Nothing is deleted: views leave the
 * retracted claim out once the retraction's source is published (`knownAt`).
 */
export interface ClaimRetractedData extends ClaimDataBase {
  retractedEventId: string;
  reason: string;
  /** When the retraction was made; the retracting source's publication date unless given. */
  retractedOn: string;
}

export type FranchiseCreated = TimelineEventOf<'FranchiseCreated', FranchiseCreatedData>;
export type SourceRegistered = TimelineEventOf<'SourceRegistered', SourceRegisteredData>;
export type SourceReliabilityRanked = TimelineEventOf<'SourceReliabilityRanked', SourceReliabilityRankedData>;
export type FilmReleased = TimelineEventOf<'FilmReleased', FilmReleasedData>;
export type ReleaseScheduled = TimelineEventOf<'ReleaseScheduled', ReleaseScheduledData>;
export type ViewershipMilestoneReached = TimelineEventOf<'ViewershipMilestoneReached', ViewershipMilestoneReachedData>;
export type SequelAnnounced = TimelineEventOf<'SequelAnnounced', SequelAnnouncedData>;
export type TrilogyConfirmed = TimelineEventOf<'TrilogyConfirmed', TrilogyConfirmedData>;
export type ProductionGreenlit = TimelineEventOf<'ProductionGreenlit', ProductionGreenlitData>;
export type ProductionWrapped = TimelineEventOf<'ProductionWrapped', ProductionWrappedData>;
export type ChartRankingReached = TimelineEventOf<'ChartRankingReached', ChartRankingReachedData>;
export type ClaimRetracted = TimelineEventOf<'ClaimRetracted', ClaimRetractedData>;

/** Dated facts reported by a source. */
export type ClaimEvent =
  | FilmReleased
  | ReleaseScheduled
  | ViewershipMilestoneReached
  | SequelAnnounced
  | TrilogyConfirmed
  | ProductionGreenlit
  | ProductionWrapped
  | ChartRankingReached
  | ClaimRetracted;

export type FranchiseEvent = FranchiseCreated | ClaimEvent;
export type SourceEvent = SourceRegistered | SourceReliabilityRanked;
export type TimelineEvent = FranchiseEvent | SourceEvent;

export type ClaimType = ClaimEvent['type'];
export type ClaimDataOf<T extends ClaimType> = Extract<ClaimEvent, { type: T }>['data'];

/** What the catalogue knows of each claim kind: where its date is, and whether it may name a new film. */
interface ClaimKind<T extends ClaimType> {
  /** The payload field holding the date the thing happened. */
  dateField: keyof ClaimDataOf<T> & string;
  /** Whether this claim may be the first mention of a film. */
  introducesFilm: boolean;
}

export const CLAIM_KINDS: { [T in ClaimType]: ClaimKind<T> } = {
  FilmReleased: { dateField: 'releasedOn', introducesFilm: true },
  ReleaseScheduled: { dateField: 'announcedOn', introducesFilm: true },
  ViewershipMilestoneReached: { dateField: 'reachedOn', introducesFilm: false },
  SequelAnnounced: { dateField: 'announcedOn', introducesFilm: true },
  TrilogyConfirmed: { dateField: 'confirmedOn', introducesFilm: false },
  ProductionGreenlit: { dateField: 'greenlitOn', introducesFilm: true },
  ProductionWrapped: { dateField: 'wrappedOn', introducesFilm: false },
  ChartRankingReached: { dateField: 'rankedOn', introducesFilm: false },
  ClaimRetracted: { dateField: 'retractedOn', introducesFilm: false },
};

export const CLAIM_TYPES = Object.keys(CLAIM_KINDS) as ClaimType[];
export const EVENT_TYPES = ['FranchiseCreated', 'SourceRegistered', 'SourceReliabilityRanked', ...CLAIM_TYPES] as const;

export function isClaimEvent(event: TimelineEvent): event is ClaimEvent {
  return event.type in CLAIM_KINDS;
}

/** The (partial) date on which the claimed thing happened. */
export function occurredOn(claim: ClaimEvent): string {
  const field = CLAIM_KINDS[claim.type].dateField as string;
  return (claim.data as unknown as Record<string, string>)[field];
}

/** The claim an event withdraws: the one it retracts, or the one it corrects. */
export function withdrawnBy(event: TimelineEvent): string | undefined {
  if (event.type === 'ClaimRetracted') return event.data.retractedEventId;
  return isClaimEvent(event) ? (event.data as { supersedes?: string }).supersedes : undefined;
}

/** The film a claim is about, if any (a trilogy confirmation is about the franchise). */
export function filmIdOf(claim: ClaimEvent): string | undefined {
  return 'filmId' in claim.data ? claim.data.filmId : undefined;
}
