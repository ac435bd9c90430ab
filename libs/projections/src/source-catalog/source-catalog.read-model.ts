import { DayRange, SourceKind } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { idList, prepared } from '../prepared';
import { READ_MODEL_DATABASE } from '../read-model.database';

/** A registered source, as the time rules and the audit weigh it. */
export interface PublishedSource {
  id: string;
  name: string;
  kind: SourceKind;
  publishedOn: string;
  published: DayRange;
  url?: string;
  language?: string;
  reference?: string;
  notes?: string;
  recordedAt: string;
}

/** A source as it is listed: with its latest reliability rank, 0 when never ranked. */
export interface CatalogedSource extends PublishedSource {
  rank: number;
}

/** A reliability rank given to a source, and when it was recorded. */
export interface RankRecord {
  sourceId: string;
  rank: number;
  recordedAt: string;
}

interface SourceRow {
  id: string;
  name: string;
  kind: SourceKind;
  published_on: string;
  published_earliest: string;
  published_latest: string;
  url: string | null;
  language: string | null;
  reference: string | null;
  notes: string | null;
  recorded_at: string;
  rank: number;
}

/** A place in the list's order: first published first (by the last day it may have been, then the first), then by id. */
export type SourceKey = [publishedLatest: string, publishedEarliest: string, id: string];

/** The list's order of a source. */
export function sourceKey({ published, id }: Pick<PublishedSource, 'published' | 'id'>): SourceKey {
  return [published.latest, published.earliest, id];
}

/** Sorts before every source: its days and id are never empty. */
const BEFORE_EVERY_SOURCE: SourceKey = ['', '', ''];

const PUBLISHED = `s.id, s.name, s.kind, s.published_on, s.published_earliest, s.published_latest, s.url, s.language,
  s.reference, s.notes, s.recorded_at`;
const COLUMNS = `${PUBLISHED},
  COALESCE((SELECT sr.rank FROM source_ranks sr WHERE sr.source_id = s.id ORDER BY sr.sequence DESC LIMIT 1), 0) AS rank`;

/** The sources named by id (a JSON list): each a seek on the primary key. */
const NAMED = `FROM sources s WHERE s.id IN (SELECT value FROM json_each(?))`;

/** Reads of the source catalogue: the sources, with their latest rank, and the history of ranks. */
@Injectable()
export class SourceCatalogReadModel {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  find(sourceId: string): CatalogedSource | undefined {
    const row = prepared<[string], SourceRow>(this.db, `SELECT ${COLUMNS} FROM sources s WHERE s.id = ?`).get(sourceId);
    return row && toSource(row);
  }

  /**
   * The sources in the list's order (`sourceKey`): those after `after` when given, at most `limit`
   * when given. Read through its index from the page's start, so a page costs the same however many
   * sources there are.
   */
  list(range: { after?: SourceKey; limit?: number } = {}): CatalogedSource[] {
    const [afterLatest, afterEarliest, afterId] = range.after ?? BEFORE_EVERY_SOURCE;
    return prepared<object, SourceRow>(
      this.db,
      `SELECT ${COLUMNS} FROM sources s
        WHERE (s.published_latest, s.published_earliest, s.id) > (@afterLatest, @afterEarliest, @afterId)
        ORDER BY s.published_latest, s.published_earliest, s.id LIMIT @limit`,
    )
      .all({ afterLatest, afterEarliest, afterId, limit: range.limit ?? -1 })
      .map(toSource);
  }

  /** The sources named, by id, with their latest rank: those registered, in no particular order. */
  findAll(ids: Iterable<string>): CatalogedSource[] {
    return prepared<[string], SourceRow>(this.db, `SELECT ${COLUMNS} ${NAMED}`).all(idList(ids)).map(toSource);
  }

  /** The sources named, by id: those registered. No rank: the rank in force at a point comes from `ranksOf`. */
  byIds(ids: Iterable<string>): Map<string, PublishedSource> {
    const rows = prepared<[string], Omit<SourceRow, 'rank'>>(this.db, `SELECT ${PUBLISHED} ${NAMED}`).all(idList(ids));
    return new Map(rows.map((row) => [row.id, toPublished(row)]));
  }

  /** Every rank given to the sources named, in recording order. */
  ranksOf(ids: Iterable<string>): RankRecord[] {
    return prepared<[string], { source_id: string; rank: number; recorded_at: string }>(
      this.db,
      `SELECT source_id, rank, recorded_at FROM source_ranks
        WHERE source_id IN (SELECT value FROM json_each(?)) ORDER BY sequence`,
    )
      .all(idList(ids))
      .map((row) => ({ sourceId: row.source_id, rank: row.rank, recordedAt: row.recorded_at }));
  }
}

function toSource(row: SourceRow): CatalogedSource {
  return { ...toPublished(row), rank: row.rank };
}

function toPublished(row: Omit<SourceRow, 'rank'>): PublishedSource {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    publishedOn: row.published_on,
    published: { earliest: row.published_earliest, latest: row.published_latest },
    ...(row.url ? { url: row.url } : {}),
    ...(row.language ? { language: row.language } : {}),
    ...(row.reference ? { reference: row.reference } : {}),
    ...(row.notes ? { notes: row.notes } : {}),
    recordedAt: row.recorded_at,
  };
}
