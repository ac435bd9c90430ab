import { DayRange, WithdrawalKind } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CandidateBounds } from '../candidates';
import { prepared } from '../prepared';
import { READ_MODEL_DATABASE } from '../read-model.database';

export interface WithdrawalRecord {
  /** The retraction or correction. */
  eventId: string;
  withdrawnEventId: string;
  kind: WithdrawalKind;
  sourceId: string;
  recordedAt: string;
  /** A retraction's days; a correction is known when its source is published. */
  known?: DayRange;
}

interface WithdrawalRow {
  event_id: string;
  withdrawn_event_id: string;
  kind: WithdrawalKind;
  source_id: string;
  recorded_at: string;
  known_earliest: string | null;
  known_latest: string | null;
}

/** Reads of the withdrawals: which claim each retraction or correction withdrew. */
@Injectable()
export class WithdrawalsReadModel {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  /** The franchise's withdrawals recorded before `recordedBefore`, in recording order (the order applied). */
  ofFranchise(franchiseId: string, bounds: CandidateBounds): WithdrawalRecord[] {
    return prepared<object, WithdrawalRow>(
      this.db,
      `SELECT event_id, withdrawn_event_id, kind, source_id, recorded_at, known_earliest, known_latest FROM withdrawals
        WHERE franchise_id = @franchiseId AND (@recordedBefore IS NULL OR recorded_at < @recordedBefore)
        ORDER BY rowid`,
    )
      .all({ franchiseId, recordedBefore: bounds.recordedBefore ?? null })
      .map((row) => ({
        eventId: row.event_id,
        withdrawnEventId: row.withdrawn_event_id,
        kind: row.kind,
        sourceId: row.source_id,
        recordedAt: row.recorded_at,
        ...(row.known_earliest && row.known_latest
          ? { known: { earliest: row.known_earliest, latest: row.known_latest } }
          : {}),
      }));
  }
}
