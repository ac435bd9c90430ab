import { EdtfDate, TimelineEvent, filmIdOf, isClaimEvent, occurredOn } from '@app/domain';
import type Database from 'better-sqlite3';
import { AppliedAt, Projection } from '../projection';
import { summarize } from './summarize';
import { prepared } from '../prepared';

/** One entry per claim, with the day range it happened in, ready to filter and sort by date. */
export class TimelineProjection implements Projection {
  readonly name = 'timeline';
  readonly version = 1;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS timeline_entries (
        event_id          TEXT PRIMARY KEY,
        franchise_id      TEXT NOT NULL,
        sequence          INTEGER NOT NULL,
        type              TEXT NOT NULL,
        film_id           TEXT,
        occurred_on       TEXT NOT NULL,
        occurred_earliest TEXT NOT NULL,
        occurred_latest   TEXT NOT NULL,
        summary           TEXT NOT NULL,
        source_id         TEXT NOT NULL,
        recorded_at       TEXT NOT NULL,
        recorded_by       TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS timeline_by_franchise ON timeline_entries (franchise_id, occurred_latest, sequence);
      CREATE TABLE IF NOT EXISTS timeline_film_titles (
        franchise_id TEXT NOT NULL,
        film_id      TEXT NOT NULL,
        title        TEXT NOT NULL,
        PRIMARY KEY (franchise_id, film_id)
      );
    `);
  }

  /** The film's best-known title, remembering the one this claim gives. */
  private film(
    db: Database.Database,
    franchiseId: string,
    filmId: string | undefined,
    claimedTitle: string | undefined,
  ) {
    if (!filmId) return { filmId: undefined, subject: '' };
    if (claimedTitle) {
      prepared(db, 'INSERT OR REPLACE INTO timeline_film_titles VALUES (?, ?, ?)').run(
        franchiseId,
        filmId,
        claimedTitle,
      );
    }
    const known = prepared<[string, string], { title: string }>(
      db,
      'SELECT title FROM timeline_film_titles WHERE franchise_id = ? AND film_id = ?',
    ).get(franchiseId, filmId)?.title;
    return { filmId, subject: known ?? filmId };
  }

  /** A retraction is shown with the film and the summary of the claim it withdraws. */
  private retractedEntry(db: Database.Database, eventId: string) {
    const entry = prepared<[string], { film_id: string | null; summary: string }>(
      db,
      'SELECT film_id, summary FROM timeline_entries WHERE event_id = ?',
    ).get(eventId);
    return { filmId: entry?.film_id ?? undefined, subject: entry ? `“${entry.summary}”` : eventId };
  }

  reset(db: Database.Database): void {
    db.exec('DROP TABLE IF EXISTS timeline_entries; DROP TABLE IF EXISTS timeline_film_titles;');
  }

  apply(db: Database.Database, event: TimelineEvent, at: AppliedAt): void {
    if (!isClaimEvent(event)) return;
    const franchiseId = event.data.franchiseId;
    const { filmId, subject } =
      event.type === 'ClaimRetracted'
        ? this.retractedEntry(db, event.data.retractedEventId)
        : this.film(db, franchiseId, filmIdOf(event), (event.data as { title?: string }).title);
    const happened = EdtfDate.parse(occurredOn(event));
    prepared(
      db,
      `INSERT OR IGNORE INTO timeline_entries VALUES
       (@eventId, @franchiseId, @sequence, @type, @filmId, @occurredOn, @earliest, @latest, @summary, @sourceId, @recordedAt, @recordedBy)`,
    ).run({
      eventId: event.eventId,
      franchiseId,
      sequence: at.sequence,
      type: event.type,
      filmId: filmId ?? null,
      occurredOn: happened.value,
      earliest: happened.earliest,
      latest: happened.latest,
      summary: summarize(event, subject),
      sourceId: event.meta.sourceId,
      recordedAt: event.meta.recordedAt,
      recordedBy: event.meta.recordedBy,
    });
  }
}
