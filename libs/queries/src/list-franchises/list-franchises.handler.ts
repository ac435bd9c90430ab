import { FranchiseKey, FranchiseStateReadModel, franchiseKey } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page } from '../paging/page';
import { FranchisesAnswer, ListFranchisesQuery } from './list-franchises.query';

@QueryHandler(ListFranchisesQuery)
export class ListFranchisesHandler implements IQueryHandler<ListFranchisesQuery> {
  constructor(private readonly franchises: FranchiseStateReadModel) {}

  async execute({ page: request }: ListFranchisesQuery): Promise<FranchisesAnswer> {
    const page = new Page<FranchiseKey>(request, ['franchises'], 1);
    const { items, page: info } = page.read((range) => this.franchises.list(range), franchiseKey);
    return { ...(info ? { page: info } : {}), franchises: items };
  }
}
