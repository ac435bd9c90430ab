import { TimelineEvent, isClaimEvent, withdrawnBy } from '@app/domain';
import type Database from 'better-sqlite3';
import { Projection } from '../projection';
import { prepared } from '../prepared';

/**
 * Which claims were withdrawn, by which event: a retraction, or a correction superseding them.
 * Reads leave a withdrawn claim out once the withdrawing source is published by their
 * `knownAt` and the withdrawal was recorded before their `recordedBefore`: it changes what is
 * known, not when the thing happened. The ledger shows it with its standing instead.
 */
export class WithdrawalsProjection implements Projection {
  readonly name = 'withdrawals';
  readonly version = 1;

  migrate(db: Database.Database): void {
    db.exec(`
      CREATE TABLE IF NOT EXISTS withdrawals (
        event_id           TEXT PRIMARY KEY,
        withdrawn_event_id TEXT NOT NULL,
        kind               TEXT NOT NULL,
        franchise_id       TEXT NOT NULL,
        source_id          TEXT NOT NULL,
        reason             TEXT,
        recorded_at        TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS withdrawals_by_claim ON withdrawals (withdrawn_event_id);
    `);
  }

  reset(db: Database.Database): void {
    db.exec('DROP TABLE IF EXISTS withdrawals');
  }

  apply(db: Database.Database, event: TimelineEvent): void {
    const withdrawn = withdrawnBy(event);
    if (!withdrawn || !isClaimEvent(event)) return;
    const retraction = event.type === 'ClaimRetracted';
    prepared(db, 'INSERT OR IGNORE INTO withdrawals VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      event.eventId,
      withdrawn,
      retraction ? 'retracted' : 'superseded',
      event.data.franchiseId,
      event.meta.sourceId,
      retraction ? event.data.reason : null,
      event.meta.recordedAt,
    );
  }
}
