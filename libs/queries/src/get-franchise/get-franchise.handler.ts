import { FranchiseStateReadModel } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { findFranchise } from '../franchise-lookup';
import { FranchiseAnswer, GetFranchiseQuery } from './get-franchise.query';

@QueryHandler(GetFranchiseQuery)
export class GetFranchiseHandler implements IQueryHandler<GetFranchiseQuery> {
  constructor(private readonly franchises: FranchiseStateReadModel) {}

  async execute({ franchiseId }: GetFranchiseQuery): Promise<FranchiseAnswer> {
    return findFranchise(this.franchises, franchiseId);
  }
}
