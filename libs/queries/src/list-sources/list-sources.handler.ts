import { SourceCatalogReadModel, SourceKey, sourceKey } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page } from '../paging/page';
import { toSource } from '../source-lookup';
import { ListSourcesQuery, SourcesAnswer } from './list-sources.query';

@QueryHandler(ListSourcesQuery)
export class ListSourcesHandler implements IQueryHandler<ListSourcesQuery> {
  constructor(private readonly sources: SourceCatalogReadModel) {}

  async execute({ page: request }: ListSourcesQuery): Promise<SourcesAnswer> {
    const page = new Page<SourceKey>(request, ['sources'], 3);
    const { items, page: info } = page.read((range) => this.sources.list(range), sourceKey);
    return { ...(info ? { page: info } : {}), sources: items.map(toSource) };
  }
}
