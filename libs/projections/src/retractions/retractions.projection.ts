import { TimelineEvent } from '@app/domain';
import type Database from 'better-sqlite3';
import { Projection } from '../projection';
import { prepared } from '../prepared';

/**
 * Which claims were retracted, by which source. Reads leave a retracted claim out once the
 * retracting source is published by their `knownAt`: a retraction changes what is known,
 * not when the thing happened.
 */
export class RetractionsProjection implements Projection {
  readonly name = 'retractions';
  readonly version = 1;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS retractions (
        event_id           TEXT PRIMARY KEY,
        retracted_event_id TEXT NOT NULL,
        franchise_id       TEXT NOT NULL,
        source_id          TEXT NOT NULL,
        reason             TEXT NOT NULL,
        retracted_on       TEXT NOT NULL,
        recorded_at        TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS retractions_by_claim ON retractions (retracted_event_id);
    `);
  }

  reset(db: Database.Database): void {
    db.exec('DROP TABLE IF EXISTS retractions');
  }

  apply(db: Database.Database, event: TimelineEvent): void {
    if (event.type !== 'ClaimRetracted') return;
    prepared(db, 'INSERT OR IGNORE INTO retractions VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      event.eventId,
      event.data.retractedEventId,
      event.data.franchiseId,
      event.meta.sourceId,
      event.data.reason,
      event.data.retractedOn,
      event.meta.recordedAt,
    );
  }
}
