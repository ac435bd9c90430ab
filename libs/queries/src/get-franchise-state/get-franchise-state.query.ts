import { ResolutionPolicy } from '@app/domain';
import { FranchiseView } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { AskedAt, AtDate } from '../at-date';

export interface FranchiseStateAnswer extends FranchiseView, AskedAt {
  franchiseId: string;
  policy: ResolutionPolicy;
}

/** The franchise's films, their status and the disputed facts, as the claims selected by the dates tell it. */
export class GetFranchiseStateQuery extends Query<FranchiseStateAnswer> {
  constructor(
    readonly franchiseId: string,
    readonly at: AtDate,
    readonly policy: ResolutionPolicy = 'majority',
  ) {
    super();
  }
}
