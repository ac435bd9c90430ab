import {
  AskedPoint,
  ClaimEvent,
  Certainty,
  DayRange,
  WithdrawalKind,
  certaintyOf,
  claimCounts,
  filmTitles,
  knowledgeAt,
  recordedBy,
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
}

/**
 * Combines a franchise's claims, pre-selected by their own read model, with the sources and the
 * withdrawals read models, and keeps those the domain's time rules count at the point asked.
 * One query each for the sources, their ranks and the withdrawals, whatever the number of claims.
 */
@Injectable()
export class ClaimsAtDate {
  constructor(
    private readonly sources: SourceCatalogReadModel,
    private readonly withdrawals: WithdrawalsReadModel,
  ) {}

  /** The candidates that count, in the order given; withdrawn ones only when `includeWithdrawn` (for the audit). */
  select<T extends Candidate>(
    franchiseId: string,
    candidates: T[],
    point: AskedPoint,
    includeWithdrawn = false,
  ): Counted<T>[] {
    const { counted } = this.judge(franchiseId, candidates, point);
    return candidates.flatMap((record) => counted(record, point, includeWithdrawn) ?? []);
  }

  /**
   * `select`, and the film titles known at the point (see `knowledgeAt`): the last given, in
   * recording order, by the candidates that count there whenever they happened. Pre-select the
   * candidates with the knowledge bounds, or a title given by a claim after `asOf` is missed.
   */
  selectNamed<T extends Candidate & { sequence: number; claim: ClaimEvent }>(
    franchiseId: string,
    candidates: T[],
    point: AskedPoint,
  ): { counted: Counted<T>[]; titles: Map<string, string> } {
    const { counts, counted } = this.judge(franchiseId, candidates, point);
    const known = knowledgeAt(point);
    const titling = candidates.filter((record) => counts(record, known)).sort((a, b) => a.sequence - b.sequence);
    return {
      counted: candidates.flatMap((record) => counted(record, point) ?? []),
      titles: filmTitles(titling.map((record) => record.claim)),
    };
  }

  /**
   * Loads, in one query each, what deciding the candidates takes (sources, ranks, withdrawals at
   * `point`), and answers whether one counts at `point` or at a point with the same knownAt and
   * recordedBefore (`counts`), and how (`counted`: undefined when it does not).
   */
  private judge<T extends Candidate>(franchiseId: string, candidates: T[], point: AskedPoint) {
    const withdrawals = this.withdrawals.ofFranchise(franchiseId, point);
    const sourceIds = [...candidates, ...withdrawals].map((c) => c.sourceId);
    const sources = this.sources.byIds(sourceIds);
    const ranks = this.ranksAt(sourceIds, point);
    const against = this.countedWithdrawals(withdrawals, sources, point);
    const supersedes = new Map(
      withdrawals.filter((w) => w.kind === 'superseded').map((w) => [w.eventId, w.withdrawnEventId]),
    );
    // Built field by field, not spread from the record: this runs for every claim of a franchise.
    const timesOf = (record: T, source: PublishedSource) => ({
      occurred: record.occurred,
      recordedAt: record.recordedAt,
      published: source.published,
      sourceRecordedAt: source.recordedAt,
    });
    const counts = (record: T, at: AskedPoint, includeWithdrawn = false): boolean => {
      const source = sources.get(record.sourceId);
      if (!source || (!includeWithdrawn && against.has(record.eventId))) return false;
      return claimCounts(timesOf(record, source), at);
    };
    const counted = (record: T, at: AskedPoint, includeWithdrawn = false): Counted<T> | undefined => {
      if (!counts(record, at, includeWithdrawn)) return undefined;
      const source = sources.get(record.sourceId)!;
      const withdrawal = against.get(record.eventId);
      const corrected = supersedes.get(record.eventId);
      return {
        record,
        source,
        certainty: certaintyOf(timesOf(record, source), at),
        rank: ranks.get(record.sourceId) ?? 0,
        ...(withdrawal ? { withdrawal } : {}),
        ...(corrected ? { supersedes: corrected } : {}),
      };
    };
    return { counts, counted };
  }

  /** The rank each source had at `recordedBefore`: the last one recorded before it. */
  private ranksAt(sourceIds: string[], point: AskedPoint): Map<string, number> {
    const ranks = new Map<string, number>();
    for (const rank of this.sources.ranksOf(sourceIds)) {
      if (recordedBy(rank.recordedAt, point)) ranks.set(rank.sourceId, rank.rank);
    }
    return ranks;
  }

  /** For each withdrawn claim, the first withdrawal (in recording order) that counts at the point. */
  private countedWithdrawals(
    withdrawals: WithdrawalRecord[],
    sources: Map<string, PublishedSource>,
    point: AskedPoint,
  ): Map<string, { kind: WithdrawalKind; eventId: string }> {
    const counted = new Map<string, { kind: WithdrawalKind; eventId: string }>();
    for (const w of withdrawals) {
      const source = sources.get(w.sourceId);
      if (counted.has(w.withdrawnEventId) || !source) continue;
      if (withdrawalCounts({ published: source.published, recordedAt: w.recordedAt }, point)) {
        counted.set(w.withdrawnEventId, { kind: w.kind, eventId: w.eventId });
      }
    }
    return counted;
  }
}
