import { CLAIM_TYPES, FranchiseEvent } from '@app/domain';
import { CLAIM_ROW_COLUMNS, claimRowValues } from '../candidates';
import type Database from 'better-sqlite3';
import { AppliedAt, Projection } from '../projection';
import { prepared } from '../prepared';
import { storedClaim } from '../stored-claim';

/**
 * The franchises, each with its stream revision (served as the ETag), and every claim that
 * shapes a franchise's state, kept whole so the state can be folded at any date on request.
 */
export class FranchiseStateProjection implements Projection<FranchiseEvent> {
  readonly name = 'franchise-state';
  /** 3: claims kept in record form, read back through `fromRecord`. */
  readonly version = 3;
  readonly handles = ['FranchiseCreated', ...CLAIM_TYPES] as const;

  readonly schema = `
    CREATE TABLE IF NOT EXISTS franchises (
      id          TEXT PRIMARY KEY,
      title       TEXT NOT NULL,
      aliases     TEXT NOT NULL,
      revision    INTEGER NOT NULL,
      created_at  TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS state_claims (${CLAIM_ROW_COLUMNS},
      record            TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS state_claims_by_franchise ON state_claims (franchise_id, sequence);
  `;

  readonly tables = ['franchises', 'state_claims'];

  apply(db: Database.Database, event: FranchiseEvent, at: AppliedAt): void {
    if (event.type === 'FranchiseCreated') {
      prepared(db, 'INSERT OR IGNORE INTO franchises VALUES (?, ?, ?, ?, ?)').run(
        event.data.franchiseId,
        event.data.title,
        JSON.stringify(event.data.aliases),
        at.revision,
        event.meta.recordedAt,
      );
      return;
    }
    const franchiseId = event.data.franchiseId;
    prepared(db, 'UPDATE franchises SET revision = MAX(revision, ?) WHERE id = ?').run(at.revision, franchiseId);
    prepared(db, 'INSERT OR IGNORE INTO state_claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      ...claimRowValues(event, at),
      storedClaim(event),
    );
  }
}
