import { CLAIM_TYPES, ClaimEvent, EdtfDate, withdrawnBy } from '@app/domain';
import type Database from 'better-sqlite3';
import { Projection } from '../projection';
import { prepared } from '../prepared';

/**
 * Which claims were withdrawn, by which event: a retraction, or a correction superseding them.
 * Reads leave a withdrawn claim out once the withdrawal counts (see `withdrawalCounts`);
 * the ledger shows it with its standing instead.
 */
export class WithdrawalsProjection implements Projection<ClaimEvent> {
  readonly name = 'withdrawals';
  /** 2: a retraction is known from its own date (`known_*`), no longer from its source's publication. */
  readonly version = 2;
  /** Any claim may supersede another. */
  readonly handles = CLAIM_TYPES;

  readonly schema = `
    CREATE TABLE IF NOT EXISTS withdrawals (
      event_id           TEXT PRIMARY KEY,
      withdrawn_event_id TEXT NOT NULL,
      kind               TEXT NOT NULL,
      franchise_id       TEXT NOT NULL,
      source_id          TEXT NOT NULL,
      reason             TEXT,
      recorded_at        TEXT NOT NULL,
      -- The days a retraction was made on; a correction is known when its source is published.
      known_earliest     TEXT,
      known_latest       TEXT
    );
    CREATE INDEX IF NOT EXISTS withdrawals_by_claim ON withdrawals (withdrawn_event_id);
    CREATE INDEX IF NOT EXISTS withdrawals_by_franchise ON withdrawals (franchise_id, recorded_at);
  `;

  readonly tables = ['withdrawals'];

  apply(db: Database.Database, event: ClaimEvent): void {
    const withdrawn = withdrawnBy(event);
    if (!withdrawn) return;
    const retraction = event.type === 'ClaimRetracted';
    const known = retraction ? EdtfDate.parse(event.data.retractedOn) : undefined;
    prepared(db, 'INSERT OR IGNORE INTO withdrawals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      event.eventId,
      withdrawn,
      retraction ? 'retracted' : 'superseded',
      event.data.franchiseId,
      event.meta.sourceId,
      retraction ? event.data.reason : null,
      event.meta.recordedAt,
      known?.earliest ?? null,
      known?.latest ?? null,
    );
  }
}
