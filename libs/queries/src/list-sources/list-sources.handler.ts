import { READ_MODEL_DATABASE } from '@app/projections';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { SourceAnswer, SourceRow, rankOf, toSource } from '../source-lookup';
import { ListSourcesQuery } from './list-sources.query';
import { prepared } from '@app/projections';

@QueryHandler(ListSourcesQuery)
export class ListSourcesHandler implements IQueryHandler<ListSourcesQuery> {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  async execute(): Promise<SourceAnswer[]> {
    return prepared<[], SourceRow>(
      this.db,
      `SELECT s.*, ${rankOf('s.id')} AS rank FROM sources s ORDER BY s.published_latest, s.published_earliest, s.id`,
    )
      .all()
      .map(toSource);
  }
}
