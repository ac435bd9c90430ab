import { READ_MODEL_DATABASE } from '@app/projections';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { FranchiseRow, findFranchise } from '../franchise-lookup';
import { FranchiseAnswer, GetFranchiseQuery } from './get-franchise.query';

@QueryHandler(GetFranchiseQuery)
export class GetFranchiseHandler implements IQueryHandler<GetFranchiseQuery> {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  async execute({ franchiseId }: GetFranchiseQuery): Promise<FranchiseAnswer> {
    return toFranchise(findFranchise(this.db, franchiseId));
  }
}

export function toFranchise(row: FranchiseRow): FranchiseAnswer {
  return {
    id: row.id,
    title: row.title,
    aliases: JSON.parse(row.aliases),
    revision: row.revision,
    createdAt: row.created_at,
  };
}
