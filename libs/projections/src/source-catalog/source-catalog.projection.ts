import { EdtfDate, SourceEvent } from '@app/domain';
import type Database from 'better-sqlite3';
import { AppliedAt, Projection } from '../projection';
import { prepared } from '../prepared';

/**
 * Registered sources, with their publication date as a range so `knownAt` can filter on it,
 * and the history of their reliability ranks, so `recordedBefore` finds the rank then in force.
 */
export class SourceCatalogProjection implements Projection<SourceEvent> {
  readonly name = 'source-catalog';
  /**
   * 3: what each source is (`kind`: press, official, social, other). (The index in the list's order,
   * for its pages, needs no new version: the schema runs at every start, and adds it to an existing table.)
   */
  readonly version = 3;
  readonly handles = ['SourceRegistered', 'SourceReliabilityRanked'] as const;

  readonly schema = `
    CREATE TABLE IF NOT EXISTS sources (
      id                 TEXT PRIMARY KEY,
      event_id           TEXT NOT NULL,
      name               TEXT NOT NULL,
      published_on       TEXT NOT NULL,
      published_earliest TEXT NOT NULL,
      published_latest   TEXT NOT NULL,
      url                TEXT,
      language           TEXT,
      reference          TEXT,
      notes              TEXT,
      recorded_at        TEXT NOT NULL,
      recorded_by        TEXT NOT NULL,
      kind               TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sources_in_order ON sources (published_latest, published_earliest, id);
    CREATE TABLE IF NOT EXISTS source_ranks (
      event_id    TEXT PRIMARY KEY,
      source_id   TEXT NOT NULL,
      rank        INTEGER NOT NULL,
      reason      TEXT,
      sequence    INTEGER NOT NULL,
      recorded_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS source_ranks_by_source ON source_ranks (source_id, sequence);
  `;

  readonly tables = ['sources', 'source_ranks'];

  apply(db: Database.Database, event: SourceEvent, at: AppliedAt): void {
    if (event.type === 'SourceReliabilityRanked') {
      const { sourceId, rank, reason } = event.data;
      prepared(db, 'INSERT OR IGNORE INTO source_ranks VALUES (?, ?, ?, ?, ?, ?)').run(
        event.eventId,
        sourceId,
        rank,
        reason ?? null,
        at.sequence,
        event.meta.recordedAt,
      );
      return;
    }
    const d = event.data;
    const published = EdtfDate.parse(d.publishedOn);
    prepared(
      db,
      `INSERT OR IGNORE INTO sources VALUES
       (@id, @eventId, @name, @publishedOn, @earliest, @latest, @url, @language, @reference, @notes, @recordedAt, @recordedBy,
        @kind)`,
    ).run({
      id: d.sourceId,
      eventId: event.eventId,
      name: d.name,
      publishedOn: d.publishedOn,
      earliest: published.earliest,
      latest: published.latest,
      url: d.url ?? null,
      language: d.language ?? null,
      reference: d.reference ?? null,
      notes: d.notes ?? null,
      recordedAt: event.meta.recordedAt,
      recordedBy: event.meta.recordedBy,
      kind: d.kind ?? 'press',
    });
  }
}
