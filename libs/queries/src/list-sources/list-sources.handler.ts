import { SourceCatalogReadModel } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SourceAnswer, toSource } from '../source-lookup';
import { ListSourcesQuery } from './list-sources.query';

@QueryHandler(ListSourcesQuery)
export class ListSourcesHandler implements IQueryHandler<ListSourcesQuery> {
  constructor(private readonly sources: SourceCatalogReadModel) {}

  async execute(): Promise<SourceAnswer[]> {
    return this.sources.list().map(toSource);
  }
}
