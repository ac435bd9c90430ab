import { Query } from '@nestjs/cqrs';
import { FranchiseAnswer } from '../get-franchise/get-franchise.query';
import { PageInfo, PageRequest } from '../paging/page';

export interface FranchisesAnswer {
  page?: PageInfo;
  franchises: FranchiseAnswer[];
}

/** The franchises, by id; paged (all without a page). */
export class ListFranchisesQuery extends Query<FranchisesAnswer> {
  constructor(readonly page?: PageRequest) {
    super();
  }
}
