import {
  AskedPoint,
  ClaimEvent,
  EdtfDate,
  Origin,
  Certainty,
  DayRange,
  WithdrawalKind,
  certaintyOf,
  claimCounts,
  filmTitles,
  knowledgeAt,
  publishedBy,
  recordedBy,
  WeighedClaim,
  withdrawalCounts,
} from '@app/domain';
import { PublishedSource, SourceCatalogReadModel, WithdrawalRecord, WithdrawalsReadModel } from '@app/projections';
import { Injectable } from '@nestjs/common';

/** A claim as a read model gives it, with what the time rules ask of it. */
export interface Candidate {
  eventId: string;
  sourceId: string;
  occurred: DayRange;
  recordedAt: string;
  /** The source the claim names as its origin. */
  basedOn?: string;
}

/** A claim that counts at the point asked, with its source, how certain it is, and what withdrew it. */
export interface Counted<T extends Candidate> {
  record: T;
  source: PublishedSource;
  certainty: Certainty;
  /** Its source's reliability rank in force at `recordedBefore` (0 when never ranked). */
  rank: number;
  /** The withdrawal that counts against it, if any. */
  withdrawal?: { kind: WithdrawalKind; eventId: string };
  /** The earlier claim it corrects. */
  supersedes?: string;
  /** The source it names as its origin, as registered, with its rank in force: what the policies weigh it as. */
  origin?: Origin;
}

/** When a source was published, as the policies order claims by it: to the day it was registered at the latest. */
export function publicationOf(source: PublishedSource): { publishedOn: EdtfDate; publishedBy: string } {
  const publishedOn = EdtfDate.parse(source.publishedOn);
  return { publishedOn, publishedBy: publishedBy(publishedOn, source.recordedAt) };
}

/** A counted claim as the domain's views weigh it. */
export function weighed({
  record,
  source,
  certainty,
  rank,
  origin,
}: Counted<Candidate & { claim: ClaimEvent; sequence: number }>): WeighedClaim {
  return {
    claim: record.claim,
    ...publicationOf(source),
    sequence: record.sequence,
    certain: certainty === 'certain',
    rank,
    ...(origin ? { origin } : {}),
  };
}

/**
 * Combines a franchise's claims, pre-selected by their own read model, with the sources and the
 * withdrawals read models, and keeps those the domain's time rules count at the point asked.
 */
@Injectable()
export class ClaimsAtDate {
  constructor(
    private readonly sources: SourceCatalogReadModel,
    private readonly withdrawals: WithdrawalsReadModel,
  ) {}

  /** What judging the franchise's claims at the point takes, loaded once for every batch a query judges. */
  at(franchiseId: string, point: AskedPoint): Judgement {
    return new Judgement(this.sources, this.withdrawals.ofFranchise(franchiseId, point), franchiseId, point);
  }

  /** `at(...).select(...)`, for a query that judges one batch. */
  select<T extends Candidate>(franchiseId: string, candidates: T[], point: AskedPoint, includeWithdrawn = false) {
    return this.at(franchiseId, point).select(candidates, includeWithdrawn);
  }

  /** `at(...).selectNamed(...)`, for a query that judges one batch. */
  selectNamed<T extends Candidate & { sequence: number; claim: ClaimEvent }>(
    franchiseId: string,
    candidates: T[],
    point: AskedPoint,
  ) {
    return this.at(franchiseId, point).selectNamed(candidates);
  }
}

/**
 * The claims of one franchise judged at one point: the withdrawals are read once, and the sources
 * and their ranks as candidates name them, each source once, however many batches are judged.
 */
export class Judgement {
  private readonly known = new Map<string, PublishedSource | null>();
  private readonly ranks = new Map<string, number>();
  private readonly against: Map<string, { kind: WithdrawalKind; eventId: string }>;
  private readonly supersedes: Map<string, string>;

  constructor(
    private readonly sources: SourceCatalogReadModel,
    withdrawals: WithdrawalRecord[],
    readonly franchiseId: string,
    readonly point: AskedPoint,
  ) {
    this.load(withdrawals.map((w) => w.sourceId));
    this.against = this.countedWithdrawals(withdrawals);
    this.supersedes = new Map(
      withdrawals.filter((w) => w.kind === 'superseded').map((w) => [w.eventId, w.withdrawnEventId]),
    );
  }

  /** The candidates that count, in the order given; withdrawn ones only when `includeWithdrawn` (for the audit). */
  select<T extends Candidate>(candidates: T[], includeWithdrawn = false): Counted<T>[] {
    this.load(candidates.flatMap((c) => (c.basedOn ? [c.sourceId, c.basedOn] : [c.sourceId])));
    return candidates.flatMap((record) => this.counted(record, includeWithdrawn) ?? []);
  }

  /**
   * `select`, and the film titles known at the point (see `knowledgeAt`): the last given, in
   * recording order, by the candidates that count there whenever they happened. Pre-select the
   * candidates with the knowledge bounds, or a title given by a claim after `asOf` is missed.
   */
  selectNamed<T extends Candidate & { sequence: number; claim: ClaimEvent }>(
    candidates: T[],
  ): { counted: Counted<T>[]; titles: Map<string, string> } {
    const counted = this.select(candidates);
    const known = knowledgeAt(this.point);
    const titling = candidates.filter((record) => this.counts(record, known)).sort((a, b) => a.sequence - b.sequence);
    return { counted, titles: filmTitles(titling.map((record) => record.claim)) };
  }

  /** Reads the sources not read yet, and the rank each had at `recordedBefore`: the last one recorded before it. */
  private load(sourceIds: string[]): void {
    const missing = [...new Set(sourceIds)].filter((id) => !this.known.has(id));
    if (missing.length === 0) return;
    const found = this.sources.byIds(missing);
    for (const id of missing) this.known.set(id, found.get(id) ?? null);
    for (const rank of this.sources.ranksOf(missing)) {
      if (recordedBy(rank.recordedAt, this.point)) this.ranks.set(rank.sourceId, rank.rank);
    }
  }

  // Built field by field, not spread from the record: this runs for every claim of a franchise.
  private timesOf(record: Candidate, source: PublishedSource) {
    return {
      occurred: record.occurred,
      recordedAt: record.recordedAt,
      published: source.published,
      sourceRecordedAt: source.recordedAt,
    };
  }

  /** Whether a claim counts at `at` (the point, or one with the same knownAt and recordedBefore). */
  private counts(record: Candidate, at: AskedPoint, includeWithdrawn = false): boolean {
    const source = this.known.get(record.sourceId);
    if (!source || (!includeWithdrawn && this.against.has(record.eventId))) return false;
    return claimCounts(this.timesOf(record, source), at);
  }

  private counted<T extends Candidate>(record: T, includeWithdrawn: boolean): Counted<T> | undefined {
    if (!this.counts(record, this.point, includeWithdrawn)) return undefined;
    const source = this.known.get(record.sourceId)!;
    const withdrawal = this.against.get(record.eventId);
    const corrected = this.supersedes.get(record.eventId);
    const origin = record.basedOn === undefined ? undefined : this.originOf(record.basedOn);
    return {
      record,
      source,
      certainty: certaintyOf(this.timesOf(record, source), this.point),
      rank: this.ranks.get(record.sourceId) ?? 0,
      ...(withdrawal ? { withdrawal } : {}),
      ...(corrected ? { supersedes: corrected } : {}),
      ...(origin ? { origin } : {}),
    };
  }

  /** An origin as the policies weigh it; none when it is not registered (the write side refuses such a claim). */
  private originOf(sourceId: string): Origin | undefined {
    const source = this.known.get(sourceId);
    if (!source) return undefined;
    return { sourceId, ...publicationOf(source), rank: this.ranks.get(sourceId) ?? 0 };
  }

  /** For each withdrawn claim, the first withdrawal (in recording order) that counts at the point. */
  private countedWithdrawals(withdrawals: WithdrawalRecord[]): Map<string, { kind: WithdrawalKind; eventId: string }> {
    const counted = new Map<string, { kind: WithdrawalKind; eventId: string }>();
    for (const w of withdrawals) {
      const source = this.known.get(w.sourceId);
      if (counted.has(w.withdrawnEventId) || !source) continue;
      if (withdrawalCounts({ published: w.known ?? source.published, recordedAt: w.recordedAt }, this.point)) {
        counted.set(w.withdrawnEventId, { kind: w.kind, eventId: w.eventId });
      }
    }
    return counted;
  }
}
