import { READ_MODEL_DATABASE } from '@app/projections';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { findSource, toSource } from '../source-lookup';
import { GetSourceClaimsQuery, SourceClaimsAnswer } from './get-source-claims.query';
import { prepared } from '@app/projections';

interface Row {
  event_id: string;
  franchise_id: string;
  type: string;
  film_id: string | null;
  occurred_on: string;
  summary: string;
  recorded_at: string;
}

@QueryHandler(GetSourceClaimsQuery)
export class GetSourceClaimsHandler implements IQueryHandler<GetSourceClaimsQuery> {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  async execute({ sourceId }: GetSourceClaimsQuery): Promise<SourceClaimsAnswer> {
    const source = toSource(findSource(this.db, sourceId));
    const rows = prepared<[string], Row>(
      this.db,
      'SELECT * FROM timeline_entries WHERE source_id = ? ORDER BY sequence',
    ).all(sourceId);
    return {
      source,
      claims: rows.map((row) => ({
        eventId: row.event_id,
        franchiseId: row.franchise_id,
        type: row.type,
        ...(row.film_id ? { filmId: row.film_id } : {}),
        occurredOn: row.occurred_on,
        summary: row.summary,
        recordedAt: row.recorded_at,
      })),
    };
  }
}
