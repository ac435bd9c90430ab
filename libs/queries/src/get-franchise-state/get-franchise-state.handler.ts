import { ClaimEvent, PartialDate, franchiseView } from '@app/domain';
import { READ_MODEL_DATABASE } from '@app/projections';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { atDateConditions, echo } from '../at-date';
import { findFranchise } from '../franchise-lookup';
import { FranchiseStateAnswer, GetFranchiseStateQuery } from './get-franchise-state.query';

@QueryHandler(GetFranchiseStateQuery)
export class GetFranchiseStateHandler implements IQueryHandler<GetFranchiseStateQuery> {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  async execute({ franchiseId, at }: GetFranchiseStateQuery): Promise<FranchiseStateAnswer> {
    findFranchise(this.db, franchiseId);
    const where = atDateConditions(at);
    const rows = this.db
      .prepare<object, { event: string; sequence: number; published_on: string }>(
        `SELECT c.event, c.sequence, s.published_on
           FROM state_claims c JOIN sources s ON s.id = c.source_id
          WHERE c.franchise_id = @franchiseId AND ${where.sql}
          ORDER BY c.sequence`,
      )
      .all({ franchiseId, ...where.params });
    const view = franchiseView(
      rows.map((row) => ({
        claim: JSON.parse(row.event) as ClaimEvent,
        publishedOn: PartialDate.parse(row.published_on),
        sequence: row.sequence,
      })),
    );
    return { franchiseId, ...echo(at), ...view };
  }
}
