import { FranchiseView, ResolutionPolicy, ViewCountsCompared } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { AskedAt, AtDate } from '../at-date';

/** A film's counts by window, with `why` they are or are not a conflict, in words. */
export interface ViewCountsExplained extends ViewCountsCompared {
  why: string;
}

export interface FranchiseStateAnswer extends Omit<FranchiseView, 'viewCounts'>, AskedAt {
  franchiseId: string;
  policy: ResolutionPolicy;
  viewCounts: ViewCountsExplained[];
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
