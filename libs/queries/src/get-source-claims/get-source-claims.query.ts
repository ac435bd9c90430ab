import { Query } from '@nestjs/cqrs';
import { SourceAnswer } from '../source-lookup';

export interface SourceClaim {
  eventId: string;
  franchiseId: string;
  type: string;
  filmId?: string;
  occurredOn: string;
  summary: string;
  recordedAt: string;
}

export interface SourceClaimsAnswer {
  source: SourceAnswer;
  claims: SourceClaim[];
}

/** Every event that cites the source, across franchises, in recording order. */
export class GetSourceClaimsQuery extends Query<SourceClaimsAnswer> {
  constructor(readonly sourceId: string) {
    super();
  }
}
