import { SourceCatalogReadModel } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { SourceAnswer, findSource, toSource } from '../source-lookup';
import { GetSourceQuery } from './get-source.query';

@QueryHandler(GetSourceQuery)
export class GetSourceHandler implements IQueryHandler<GetSourceQuery> {
  constructor(private readonly sources: SourceCatalogReadModel) {}

  async execute({ sourceId }: GetSourceQuery): Promise<SourceAnswer> {
    return toSource(findSource(this.sources, sourceId));
  }
}
