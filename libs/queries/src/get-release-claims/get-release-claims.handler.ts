import { SourceCatalogReadModel } from '@app/projections';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { GetClaimsLedgerQuery } from '../get-claims-ledger/get-claims-ledger.query';
import { toSource } from '../source-lookup';
import { GetReleaseClaimsQuery, ReleaseClaimsAnswer } from './get-release-claims.query';

@QueryHandler(GetReleaseClaimsQuery)
export class GetReleaseClaimsHandler implements IQueryHandler<GetReleaseClaimsQuery> {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly sources: SourceCatalogReadModel,
  ) {}

  /**
   * The ledger first, so an unknown franchise is a 404 before anything else is read; then only
   * the sources its claims cite, by id: the catalogue may hold tens of thousands.
   */
  async execute({ franchiseId, policy }: GetReleaseClaimsQuery): Promise<ReleaseClaimsAnswer> {
    const ledger = await this.queryBus.execute(
      new GetClaimsLedgerQuery(franchiseId, {}, policy, { field: 'releasedOn' }),
    );
    const cited = ledger.facts.flatMap((fact) => fact.values.flatMap((value) => value.sourceIds));
    return { ledger, sources: this.sources.findAll(cited).map(toSource) };
  }
}
