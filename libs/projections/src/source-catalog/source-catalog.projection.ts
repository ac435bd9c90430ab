import { EdtfDate, TimelineEvent } from '@app/domain';
import type Database from 'better-sqlite3';
import { Projection } from '../projection';
import { prepared } from '../prepared';

/** Registered sources, with their publication date as a range so `knownAt` can filter on it. */
export class SourceCatalogProjection implements Projection {
  readonly name = 'source-catalog';
  readonly version = 1;

  migrate(db: Database.Database): void {
    db.exec(`
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
        recorded_by        TEXT NOT NULL
      );
    `);
  }

  reset(db: Database.Database): void {
    db.exec('DROP TABLE IF EXISTS sources');
  }

  apply(db: Database.Database, event: TimelineEvent): void {
    if (event.type !== 'SourceRegistered') return;
    const d = event.data;
    const published = EdtfDate.parse(d.publishedOn);
    prepared(
      db,
      `INSERT OR IGNORE INTO sources VALUES
       (@id, @eventId, @name, @publishedOn, @earliest, @latest, @url, @language, @reference, @notes, @recordedAt, @recordedBy)`,
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
    });
  }
}
