import { FranchiseStateReadModel } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FranchiseAnswer } from '../get-franchise/get-franchise.query';
import { ListFranchisesQuery } from './list-franchises.query';

@QueryHandler(ListFranchisesQuery)
export class ListFranchisesHandler implements IQueryHandler<ListFranchisesQuery> {
  constructor(private readonly franchises: FranchiseStateReadModel) {}

  async execute(): Promise<FranchiseAnswer[]> {
    return this.franchises.list();
  }
}
