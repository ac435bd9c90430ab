import { CLAIM_TYPES, ClaimEvent } from '@app/domain';
import { CLAIM_ROW_COLUMNS, claimRowValues } from '../candidates';
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
  /**
   * 2: the claim kept in record form instead of its summary; no table of titles.
   * 3: the franchise index in the timeline's whole order, so a page is read through it (keyset);
   * the title a claim gives a film, indexed, so a page's titles are read without every claim.
   * (The index of a franchise's entries in recording order, for the live stream to resume from,
   * needs no new version: the schema runs at every start, and adds it to an existing table. Nor
   * does the order by the first possible day, then the last: its index replaces the one by the
   * last day first, which is dropped.)
   */
  readonly version = 3;
  readonly handles = CLAIM_TYPES;

  readonly schema = `
    CREATE TABLE IF NOT EXISTS timeline_entries (${CLAIM_ROW_COLUMNS},
      retracts          TEXT,
      title             TEXT,
      record            TEXT NOT NULL
    );
    DROP INDEX IF EXISTS timeline_by_franchise;
    CREATE INDEX IF NOT EXISTS timeline_in_order ON timeline_entries (franchise_id, occurred_earliest, occurred_latest, sequence);
    CREATE INDEX IF NOT EXISTS timeline_by_source ON timeline_entries (source_id, sequence);
    CREATE INDEX IF NOT EXISTS timeline_recorded ON timeline_entries (franchise_id, sequence);
    CREATE INDEX IF NOT EXISTS timeline_titles ON timeline_entries (franchise_id, sequence) WHERE title IS NOT NULL;
  `;

  /** What a rebuild drops: also the table of titles version 1 kept. */
  readonly tables = ['timeline_entries', 'timeline_film_titles'];

  apply(db: Database.Database, event: ClaimEvent, at: AppliedAt): void {
    prepared(db, 'INSERT OR IGNORE INTO timeline_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      ...claimRowValues(event, at),
      event.type === 'ClaimRetracted' ? event.data.retractedEventId : null,
      (event.data as { title?: string }).title ?? null,
      storedClaim(event),
    );
  }
}
