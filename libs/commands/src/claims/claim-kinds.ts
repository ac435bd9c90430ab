import { ClaimInputOf, ClaimType, Scope } from '@app/domain';
import { Type } from '@nestjs/common';
import {
  AnnounceSequelDto,
  ClaimDto,
  ConfirmTrilogyDto,
  FilmClaimDto,
  RecordChartRankingDto,
  RecordGreenlightDto,
  RecordProductionWrapDto,
  RecordReleaseDto,
  RecordViewershipMilestoneDto,
  RetractClaimDto,
  ScheduleReleaseDto,
} from './claim-bodies';

/** What every claim body has: the source making the claim, and the event id it may name. */
export interface ClaimBody {
  sourceId: string;
  eventId?: string;
  /** The origin a claim names (a retraction names none). */
  basedOn?: string;
}

/**
 * One kind of claim, end to end on the write side: the event it records, the body that states
 * it (validated, documented), where it is posted, its name in an NDJSON import, and the typed
 * mapping from the body to the event's payload, so that a renamed body field fails to compile
 * instead of silently changing what is stored.
 */
export interface ClaimKind<T extends ClaimType = ClaimType, B extends ClaimBody = ClaimBody> {
  eventType: T;
  body: Type<B>;
  /** `POST /franchises/{franchiseId}/<route>`. */
  route: string;
  /** `{"command": "<importCommand>", "franchiseId": …}` in an NDJSON import. */
  importCommand: string;
  /** The OpenAPI summary of the route. */
  summary: string;
  /** The scope a key needs to post it over HTTP: `write` unless said. */
  scope?: Scope;
  toData(body: B, franchiseId: string): ClaimInputOf<T>;
  /**
   * What a derived event id hashes when the client names none. `body`: the claim as stated, so that
   * a new schema version of the payload keeps the ids of claims recorded before (a re-import records
   * nothing twice); `eventId` in such a body is the client's own id. `payload`: for a body whose
   * `eventId` names another claim (a retraction's target).
   */
  idFrom: 'body' | 'payload';
}

/** What every claim's payload takes from its body: the franchise (from the path), the claim it corrects, its origin. */
const claimOf = (b: ClaimDto, franchiseId: string) => ({ franchiseId, supersedes: b.supersedes, basedOn: b.basedOn });
const filmClaimOf = (b: FilmClaimDto, franchiseId: string) => ({ ...claimOf(b, franchiseId), filmId: b.filmId });

/** Checks each row's mapping against its own body and event types. */
const kind = <T extends ClaimType, B extends ClaimBody>(row: ClaimKind<T, B>): ClaimKind<T, B> => row;

/** Every kind of claim, one row each. Adding a kind: its event in the domain catalogue, its body, a row here. */
export const CLAIM_KINDS: { [T in ClaimType]: ClaimKind<T, any> } = {
  FilmReleased: kind({
    eventType: 'FilmReleased',
    body: RecordReleaseDto,
    route: 'releases',
    importCommand: 'record-release',
    summary: 'A source reports that a film was released',
    idFrom: 'body',
    toData: (b, franchiseId) => ({
      ...filmClaimOf(b, franchiseId),
      title: b.title,
      releasedOn: b.releasedOn,
      platform: b.platform,
    }),
  }),
  ReleaseScheduled: kind({
    eventType: 'ReleaseScheduled',
    body: ScheduleReleaseDto,
    route: 'scheduled-releases',
    importCommand: 'schedule-release',
    summary: 'A source reports that a release was set for a date',
    idFrom: 'body',
    toData: (b, franchiseId) => ({
      ...filmClaimOf(b, franchiseId),
      title: b.title,
      announcedOn: b.announcedOn,
      scheduledFor: b.scheduledFor,
      platform: b.platform,
    }),
  }),
  ViewershipMilestoneReached: kind({
    eventType: 'ViewershipMilestoneReached',
    body: RecordViewershipMilestoneDto,
    route: 'viewership-milestones',
    importCommand: 'record-viewership-milestone',
    summary: 'A source reports the views a film reached',
    idFrom: 'body',
    toData: (b, franchiseId) => ({
      ...filmClaimOf(b, franchiseId),
      title: b.title,
      views: b.views,
      reachedOn: b.reachedOn,
      window: b.window,
    }),
  }),
  SequelAnnounced: kind({
    eventType: 'SequelAnnounced',
    body: AnnounceSequelDto,
    route: 'sequel-announcements',
    importCommand: 'announce-sequel',
    summary: 'A source reports that a sequel was announced',
    idFrom: 'body',
    toData: (b, franchiseId) => ({
      ...filmClaimOf(b, franchiseId),
      title: b.title,
      announcedOn: b.announcedOn,
    }),
  }),
  TrilogyConfirmed: kind({
    eventType: 'TrilogyConfirmed',
    body: ConfirmTrilogyDto,
    route: 'trilogy-confirmations',
    importCommand: 'confirm-trilogy',
    summary: 'A source reports that a trilogy was confirmed',
    idFrom: 'body',
    toData: (b, franchiseId) => ({ ...claimOf(b, franchiseId), confirmedOn: b.confirmedOn }),
  }),
  ProductionGreenlit: kind({
    eventType: 'ProductionGreenlit',
    body: RecordGreenlightDto,
    route: 'greenlights',
    importCommand: 'record-greenlight',
    summary: 'A source reports that a film was greenlit',
    idFrom: 'body',
    toData: (b, franchiseId) => ({
      ...filmClaimOf(b, franchiseId),
      title: b.title,
      greenlitOn: b.greenlitOn,
      by: b.by,
    }),
  }),
  ProductionWrapped: kind({
    eventType: 'ProductionWrapped',
    body: RecordProductionWrapDto,
    route: 'production-wraps',
    importCommand: 'record-production-wrap',
    summary: "A source reports that a film's shooting ended",
    idFrom: 'body',
    toData: (b, franchiseId) => ({
      ...filmClaimOf(b, franchiseId),
      wrappedOn: b.wrappedOn,
      shootingDuration: b.shootingWeeks === undefined ? undefined : `P${b.shootingWeeks}W`,
    }),
  }),
  ChartRankingReached: kind({
    eventType: 'ChartRankingReached',
    body: RecordChartRankingDto,
    route: 'chart-rankings',
    importCommand: 'record-chart-ranking',
    summary: 'A source reports a chart position a film reached',
    idFrom: 'body',
    toData: (b, franchiseId) => ({
      ...filmClaimOf(b, franchiseId),
      chart: b.chart,
      rank: b.rank,
      rankedOn: b.rankedOn,
      territory: b.territory,
      territoryCount: b.territoryCount,
      weeks: b.weeks,
    }),
  }),
  ClaimRetracted: kind({
    eventType: 'ClaimRetracted',
    body: RetractClaimDto,
    route: 'retractions',
    importCommand: 'retract-claim',
    scope: 'admin',
    summary: 'A source withdraws an earlier claim (`eventId` names it); nothing is deleted',
    idFrom: 'payload',
    toData: (b, franchiseId) => ({
      franchiseId,
      retractedEventId: b.eventId,
      reason: b.reason,
      retractedOn: b.retractedOn,
    }),
  }),
};

/** Any one row of the table. */
export type AnyClaimKind = (typeof CLAIM_KINDS)[ClaimType];

export const CLAIM_KIND_LIST: AnyClaimKind[] = Object.values(CLAIM_KINDS);
