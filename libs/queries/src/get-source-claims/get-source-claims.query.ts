import { DayRange } from '@app/domain';
import { Query } from '@nestjs/cqrs';
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
  /** How many of its claims a later-published source contradicted. */
  contradictedLater: number;
  claims: SourceClaim[];
}

/** Every event that cites the source, across franchises, in recording order. */
export class GetSourceClaimsQuery extends Query<SourceClaimsAnswer> {
  constructor(readonly sourceId: string) {
    super();
  }
}
