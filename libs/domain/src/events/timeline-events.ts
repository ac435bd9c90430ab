import type { Scope } from '../keys/scopes';

/**
 * Every event the service records, in one place. Names are stable, past-tense strings
 * (never derived from class names) and payloads are plain JSON. Each type has a schema
 * version of its own (`EVENT_CATALOG`); an older payload is upcast when read (`event-records.ts`),
 * so the rest of the code only ever sees the current shape.
 *
 * Franchise streams hold `FranchiseCreated` then claims: dated facts that one source
 * reported. Source streams hold `SourceRegistered`. The keyring stream holds the API keys issued
 * and revoked (a hash of each secret, never the secret). An event-id stream holds the one
 * `EventIdTaken` that ties an id a client chose to the stream it was first used in.
 */

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

/** What a source is: an article (`press`), a statement of the company concerned (`official`), a social-media post. */
export const SOURCE_KINDS = ['press', 'official', 'social', 'other'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface SourceRegisteredData {
  sourceId: string;
  name: string;
  /** `press` unless said. */
  kind?: SourceKind;
  /** Partial date: as precise as the article allows. */
  publishedOn: string;
  url?: string;
  language?: string;
  /** Where the article is kept, e.g. the seed file's name. */
  reference?: string;
  /** How the publication date was established when the article gives none. */
  notes?: string;
}

/**
 * What every claim may carry: the earlier claim (event id) it corrects, and the source its own
 * source says it relied on (an official announcement, a post), registered like any source. Only
 * what the article says: an article that names no origin is its own.
 */
interface ClaimDataBase {
  franchiseId: string;
  supersedes?: string;
  basedOn?: string;
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
  /** The film's title, when the source names a film it reports nothing else of; optional since version 1. */
  title?: string;
  views: number;
  reachedOn: string;
  /**
   * Counting window as an ISO 8601 duration, e.g. `P28D` for the first 28 days. Without one, the
   * count is the total reached by `reachedOn`.
   */
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
  /** How long the shoot lasted, as an ISO 8601 duration (`P6W`), like a viewership window. Version 2. */
  shootingDuration?: string;
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
 * A source withdraws a claim of its own, on `retractedOn` (its publication or later). Nothing is
 * deleted: views leave the retracted claim out from `retractedOn` on (`knownAt`).
 */
export interface ClaimRetractedData extends ClaimDataBase {
  retractedEventId: string;
  reason: string;
  /** When the retraction was made; the retracting source's publication date unless given. */
  retractedOn: string;
}

/** An API key given to a principal; the secret is shown once, only its hash is kept. */
export interface ApiKeyIssuedData {
  keyId: string;
  principal: string;
  scopes: Scope[];
  secretHash: string;
}

export interface ApiKeyRevokedData {
  keyId: string;
}

export interface EventIdTakenData {
  eventId: string;
  streamId: string;
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
export type ApiKeyIssued = TimelineEventOf<'ApiKeyIssued', ApiKeyIssuedData>;
export type ApiKeyRevoked = TimelineEventOf<'ApiKeyRevoked', ApiKeyRevokedData>;
export type EventIdTaken = TimelineEventOf<'EventIdTaken', EventIdTakenData>;

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
export type KeyringEvent = ApiKeyIssued | ApiKeyRevoked;
export type TimelineEvent = FranchiseEvent | SourceEvent | KeyringEvent | EventIdTaken;

export type ClaimType = ClaimEvent['type'];
export type EventType = TimelineEvent['type'];
export type ClaimDataOf<T extends ClaimType> = Extract<ClaimEvent, { type: T }>['data'];

/** What a command states of a claim: its payload, less what the domain fills in (a retraction's date, from its source). */
export type ClaimInputOf<T extends ClaimType> = T extends 'ClaimRetracted'
  ? Omit<ClaimRetractedData, 'retractedOn'> & { retractedOn?: string }
  : ClaimDataOf<T>;

/** Turns a payload written at one schema version into the next version's shape. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

/** What the catalogue knows of every event type: the payload version written today, and how older ones read. */
interface EventDefinition {
  schemaVersion: number;
  /** By the version they read: `{ 1: v1 => v2 }`. One per version below `schemaVersion`. */
  upcasters?: Record<number, Upcaster>;
}

/** And of each claim kind: where its date is, and whether it may name a new film. */
interface ClaimDefinition<T extends ClaimType> extends EventDefinition {
  /** The payload field holding the date the thing happened. */
  dateField: keyof ClaimDataOf<T> & string;
  /**
   * Whether this claim may be the first mention of a film: `always`, `whenTitled` (only when it
   * names the film's title, so a mistyped film id is refused rather than taken for a new film), or
   * `never`.
   */
  introducesFilm: 'always' | 'whenTitled' | 'never';
}

type Catalog = { [T in EventType]: T extends ClaimType ? ClaimDefinition<T> : EventDefinition };

export const EVENT_CATALOG: Catalog = {
  FranchiseCreated: { schemaVersion: 1 },
  SourceRegistered: { schemaVersion: 1 },
  SourceReliabilityRanked: { schemaVersion: 1 },
  FilmReleased: { schemaVersion: 1, dateField: 'releasedOn', introducesFilm: 'always' },
  ReleaseScheduled: { schemaVersion: 1, dateField: 'announcedOn', introducesFilm: 'always' },
  ViewershipMilestoneReached: { schemaVersion: 1, dateField: 'reachedOn', introducesFilm: 'whenTitled' },
  SequelAnnounced: { schemaVersion: 1, dateField: 'announcedOn', introducesFilm: 'always' },
  TrilogyConfirmed: { schemaVersion: 1, dateField: 'confirmedOn', introducesFilm: 'never' },
  ProductionGreenlit: { schemaVersion: 1, dateField: 'greenlitOn', introducesFilm: 'always' },
  ProductionWrapped: {
    schemaVersion: 2,
    dateField: 'wrappedOn',
    introducesFilm: 'never',
    upcasters: { 1: weeksToDuration },
  },
  ChartRankingReached: { schemaVersion: 1, dateField: 'rankedOn', introducesFilm: 'never' },
  ClaimRetracted: { schemaVersion: 1, dateField: 'retractedOn', introducesFilm: 'never' },
  ApiKeyIssued: { schemaVersion: 1 },
  ApiKeyRevoked: { schemaVersion: 1 },
  EventIdTaken: { schemaVersion: 1 },
};

/**
 * ProductionWrapped 1 → 2. Version 1, still in stores written before, gave the shoot in whole weeks
 * (`shootingWeeks: 6`); version 2 gives a duration (`shootingDuration: 'P6W'`), so a shoot reported in
 * days or months needs no version 3.
 */
function weeksToDuration(data: Record<string, unknown>): Record<string, unknown> {
  const { shootingWeeks, ...rest } = data;
  return shootingWeeks === undefined ? rest : { ...rest, shootingDuration: `P${Number(shootingWeeks)}W` };
}

export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];
export const CLAIM_TYPES = EVENT_TYPES.filter((type): type is ClaimType => 'dateField' in EVENT_CATALOG[type]);

/** The claim-specific part of the catalogue, for a claim type. */
export function claimDefinition<T extends ClaimType>(type: T): ClaimDefinition<T> {
  return EVENT_CATALOG[type] as ClaimDefinition<T>;
}

/** Who recorded an event, when, and in which payload version: what the domain stamps on each new event. */
export function metaFor(type: EventType, recordedAt: string, recordedBy: string, sourceId?: string): EventMeta {
  const meta: EventMeta = { recordedAt, recordedBy, schemaVersion: EVENT_CATALOG[type].schemaVersion };
  return sourceId === undefined ? meta : { ...meta, sourceId };
}

const CLAIM_TYPE_SET = new Set<string>(CLAIM_TYPES);

export function isClaimEvent(event: TimelineEvent): event is ClaimEvent {
  return CLAIM_TYPE_SET.has(event.type);
}

/** The (partial) date on which the claimed thing happened. */
export function occurredOn(claim: ClaimEvent): string {
  const field = claimDefinition(claim.type).dateField as string;
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
