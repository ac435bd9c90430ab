import { SourceNotFoundError } from '@app/domain';
import type Database from 'better-sqlite3';
import { prepared } from '@app/projections';

export interface SourceRow {
  id: string;
  name: string;
  published_on: string;
  url: string | null;
  language: string | null;
  reference: string | null;
  notes: string | null;
  recorded_at: string;
  published_earliest: string;
  published_latest: string;
  rank: number;
}

export interface SourceAnswer {
  id: string;
  name: string;
  publishedOn: string;
  publishedBetween: { earliest: string; latest: string };
  url?: string;
  language?: string;
  reference?: string;
  notes?: string;
  /** Reliability rank (0 to 100) used by policy=trusted. */
  rank: number;
  recordedAt: string;
}

/**
 * SQL for the reliability rank of the source in `sourceColumn` (0 when never ranked): the latest,
 * or with `beforeRecording` the one in force at the `@recordedBefore` parameter (latest when null).
 */
export function rankOf(sourceColumn: string, beforeRecording = false): string {
  const when = beforeRecording ? 'AND (@recordedBefore IS NULL OR sr.recorded_at < @recordedBefore)' : '';
  return `COALESCE((SELECT sr.rank FROM source_ranks sr WHERE sr.source_id = ${sourceColumn} ${when}
    ORDER BY sr.sequence DESC LIMIT 1), 0)`;
}

const CURRENT_RANK = rankOf('s.id');

/** A source with its current rank; `SourceNotFoundError` when it is not registered. */
export function findSource(db: Database.Database, sourceId: string): SourceRow {
  const row = prepared<[string], SourceRow>(
    db,
    `SELECT s.*, ${CURRENT_RANK} AS rank FROM sources s WHERE s.id = ?`,
  ).get(sourceId);
  if (!row) throw new SourceNotFoundError(sourceId);
  return row;
}

export function toSource(row: SourceRow): SourceAnswer {
  return {
    id: row.id,
    name: row.name,
    publishedOn: row.published_on,
    publishedBetween: { earliest: row.published_earliest, latest: row.published_latest },
    ...(row.url ? { url: row.url } : {}),
    ...(row.language ? { language: row.language } : {}),
    ...(row.reference ? { reference: row.reference } : {}),
    ...(row.notes ? { notes: row.notes } : {}),
    rank: row.rank,
    recordedAt: row.recorded_at,
  };
}
