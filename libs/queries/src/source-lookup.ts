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
}

export interface SourceAnswer {
  id: string;
  name: string;
  publishedOn: string;
  url?: string;
  language?: string;
  reference?: string;
  notes?: string;
  recordedAt: string;
}

export function findSource(db: Database.Database, sourceId: string): SourceRow {
  const row = prepared<[string], SourceRow>(db, 'SELECT * FROM sources WHERE id = ?').get(sourceId);
  if (!row) throw new SourceNotFoundError(sourceId);
  return row;
}

export function toSource(row: SourceRow): SourceAnswer {
  return {
    id: row.id,
    name: row.name,
    publishedOn: row.published_on,
    ...(row.url ? { url: row.url } : {}),
    ...(row.language ? { language: row.language } : {}),
    ...(row.reference ? { reference: row.reference } : {}),
    ...(row.notes ? { notes: row.notes } : {}),
    recordedAt: row.recorded_at,
  };
}
