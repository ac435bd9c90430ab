import { FactKey, FactValue, ResolutionPolicy, Standing } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { AskedAt, AtDate, Certainty } from '../at-date';
import { DayRange } from '../get-timeline/get-timeline.query';
import { PageInfo, PageRequest } from '../paging/page';

/** Where a claim stands: see `standingOf`. */
export type { Standing };

export interface LedgerClaim {
  eventId: string;
  sourceId: string;
  type: string;
  occurredOn: string;
  occurredBetween: DayRange;
  sourcePublishedOn: string;
  sourcePublishedBetween: DayRange;
  certainty: Certainty;
  standing: Standing;
  withdrawnBy?: string;
  /** The earlier claim this one corrects. */
  supersedes?: string;
  /** The source the claim relies on, as its article names it (an announcement, a post). */
  basedOn?: string;
  recordedAt: string;
  recordedBy: string;
}

export interface LedgerValue {
  value: FactValue;
  sourceIds: string[];
  /** The independent origins behind those sources: each source that names none is its own. */
  origins: string[];
  claims: LedgerClaim[];
}

export interface LedgerFact {
  filmId: string | null;
  field: FactKey['field'];
  window?: string;
  /**
   * The value the service believes, under which policy, decided by which claims, backed by
   * which sources, and who first claimed it (the earliest published source of that value).
   */
  resolved: {
    value: FactValue;
    policy: ResolutionPolicy;
    decidedBy: string[];
    supportedBy: string[];
    /** The independent origins behind them: what the policy counted. */
    origins: string[];
    firstClaimedBy: { sourceId: string; eventId: string; publishedOn: string };
  } | null;
  disputed: boolean;
  values: LedgerValue[];
}

export interface ClaimsLedgerAnswer extends AskedAt {
  franchiseId: string;
  policy: ResolutionPolicy;
  page?: PageInfo;
  /** The facts of the claims on the page, each with the values and claims on the page. */
  facts: LedgerFact[];
}

export interface LedgerFilter {
  field?: FactKey['field'];
  filmId?: string;
}

/**
 * For every fact of the franchise (or those the filter names), each value any source claimed, with
 * its standing; paged over claims (all without a page).
 */
export class GetClaimsLedgerQuery extends Query<ClaimsLedgerAnswer> {
  constructor(
    readonly franchiseId: string,
    readonly at: AtDate,
    readonly policy: ResolutionPolicy = 'majority',
    readonly filter: LedgerFilter = {},
    readonly page?: PageRequest,
  ) {
    super();
  }
}
