import { Query } from '@nestjs/cqrs';
import { PageInfo, PageRequest } from '../paging/page';
import { SourceAnswer } from '../source-lookup';

export interface SourcesAnswer {
  page?: PageInfo;
  sources: SourceAnswer[];
}

/** The registered sources, first published first; paged (all without a page). */
export class ListSourcesQuery extends Query<SourcesAnswer> {
  constructor(readonly page?: PageRequest) {
    super();
  }
}
