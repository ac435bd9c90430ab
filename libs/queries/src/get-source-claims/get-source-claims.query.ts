import { DayRange } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { PageInfo, PageRequest } from '../paging/page';
import { SourceAnswer } from '../source-lookup';

export interface SourceClaim {
  eventId: string;
  franchiseId: string;
  type: string;
  filmId?: string;
  occurredOn: string;
  occurredBetween: DayRange;
  summary: string;
  recordedAt: string;
  /** Sources published later that claimed a value for the same fact that cannot also be true. */
  contradictedBy: string[];
}

export interface SourceClaimsAnswer {
  source: SourceAnswer;
  /** How many of its claims (on every page) a later-published source contradicted. */
  contradictedLater: number;
  page?: PageInfo;
  claims: SourceClaim[];
}

/** Every event that cites the source, across franchises, in recording order; paged (all without a page). */
export class GetSourceClaimsQuery extends Query<SourceClaimsAnswer> {
  constructor(
    readonly sourceId: string,
    readonly page?: PageRequest,
  ) {
    super();
  }
}
