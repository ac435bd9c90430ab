import { ClaimEvent, EdtfDate, franchiseView } from '@app/domain';
import { READ_MODEL_DATABASE } from '@app/projections';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { Certainty, claimRowsAt, echo } from '../at-date';
import { FranchiseStateAnswer, GetFranchiseStateQuery } from './get-franchise-state.query';

@QueryHandler(GetFranchiseStateQuery)
export class GetFranchiseStateHandler implements IQueryHandler<GetFranchiseStateQuery> {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  async execute({ franchiseId, at, policy }: GetFranchiseStateQuery): Promise<FranchiseStateAnswer> {
    type Row = { event: string; sequence: number; published_on: string; certainty: Certainty; rank: number };
    const rows = claimRowsAt<Row>(this.db, {
      table: 'state_claims',
      columns: 'c.event, c.sequence, s.published_on',
      franchiseId,
      at,
      orderBy: 'c.sequence',
    });
    const view = franchiseView(
      rows.map((row) => ({
        claim: JSON.parse(row.event) as ClaimEvent,
        publishedOn: EdtfDate.parse(row.published_on),
        sequence: row.sequence,
        certain: row.certainty === 'certain',
        rank: row.rank,
      })),
      policy,
    );
    return { franchiseId, ...echo(at), policy, ...view };
  }
}
