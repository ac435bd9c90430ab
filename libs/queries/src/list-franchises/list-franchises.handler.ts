import { READ_MODEL_DATABASE } from '@app/projections';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { FranchiseRow } from '../franchise-lookup';
import { toFranchise } from '../get-franchise/get-franchise.handler';
import { FranchiseAnswer } from '../get-franchise/get-franchise.query';
import { ListFranchisesQuery } from './list-franchises.query';
import { prepared } from '@app/projections';

@QueryHandler(ListFranchisesQuery)
export class ListFranchisesHandler implements IQueryHandler<ListFranchisesQuery> {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  async execute(): Promise<FranchiseAnswer[]> {
    return prepared<[], FranchiseRow>(this.db, 'SELECT * FROM franchises ORDER BY id').all().map(toFranchise);
  }
}
