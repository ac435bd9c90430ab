import { READ_MODEL_DATABASE } from '@app/projections';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { Certainty, claimRowsAt, echo } from '../at-date';
import { GetTimelineQuery, TimelineAnswer } from './get-timeline.query';

interface EntryRow {
  event_id: string;
  type: string;
  occurred_on: string;
  occurred_earliest: string;
  occurred_latest: string;
  certainty: Certainty;
  film_id: string | null;
  summary: string;
  source_id: string;
  recorded_at: string;
  recorded_by: string;
}

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  async execute({ franchiseId, at }: GetTimelineQuery): Promise<TimelineAnswer> {
    // An uncertain date sorts at its last possible day, the day from which it is certain.
    const rows = claimRowsAt<EntryRow>(this.db, {
      table: 'timeline_entries',
      columns: 'c.*',
      franchiseId,
      at,
      orderBy: 'c.occurred_latest, c.occurred_earliest, c.sequence',
    });
    return {
      franchiseId,
      ...echo(at),
      entries: rows.map((row) => ({
        eventId: row.event_id,
        type: row.type,
        occurredOn: row.occurred_on,
        occurredBetween: { earliest: row.occurred_earliest, latest: row.occurred_latest },
        certainty: row.certainty,
        ...(row.film_id ? { filmId: row.film_id } : {}),
        summary: row.summary,
        sourceId: row.source_id,
        recordedAt: row.recorded_at,
        recordedBy: row.recorded_by,
      })),
    };
  }
}
