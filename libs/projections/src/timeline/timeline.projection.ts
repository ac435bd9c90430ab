import { CLAIM_TYPES, ClaimEvent, EdtfDate, occurredOn } from '@app/domain';
import type Database from 'better-sqlite3';
import { AppliedAt, Projection } from '../projection';
import { prepared } from '../prepared';
import { storedClaim } from '../stored-claim';

/**
 * One entry per claim, with the day range it happened in, ready to filter and sort by date.
 * The claim is kept whole, not worded: its wording depends on the film titles known at the
 * dates a read asks, so queries word it then.
 */
export class TimelineProjection implements Projection<ClaimEvent> {
  readonly name = 'timeline';
  /** 2: the claim kept in record form instead of its summary; no table of titles. */
  readonly version = 2;
  readonly handles = CLAIM_TYPES;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS timeline_entries (
        event_id          TEXT PRIMARY KEY,
        franchise_id      TEXT NOT NULL,
        sequence          INTEGER NOT NULL,
        occurred_earliest TEXT NOT NULL,
        occurred_latest   TEXT NOT NULL,
        source_id         TEXT NOT NULL,
        recorded_at       TEXT NOT NULL,
        retracts          TEXT,
        record            TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS timeline_by_franchise ON timeline_entries (franchise_id, occurred_latest, sequence);
      CREATE INDEX IF NOT EXISTS timeline_by_source ON timeline_entries (source_id, sequence);
    `);
  }

  /** Also drops the table of titles version 1 kept. */
  reset(db: Database.Database): void {
    db.exec('DROP TABLE IF EXISTS timeline_entries; DROP TABLE IF EXISTS timeline_film_titles;');
  }

  apply(db: Database.Database, event: ClaimEvent, at: AppliedAt): void {
    const happened = EdtfDate.parse(occurredOn(event));
    prepared(db, 'INSERT OR IGNORE INTO timeline_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      event.eventId,
      event.data.franchiseId,
      at.sequence,
      happened.earliest,
      happened.latest,
      event.meta.sourceId,
      event.meta.recordedAt,
      event.type === 'ClaimRetracted' ? event.data.retractedEventId : null,
      storedClaim(event),
    );
  }
}
