import { ClaimEvent, DayRange } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CandidateBounds, CandidateRow, WITHIN_BOUNDS, boundParams, candidateOf } from '../candidates';
import { prepared } from '../prepared';
import { READ_MODEL_DATABASE } from '../read-model.database';
import { readClaim } from '../stored-claim';

export interface FranchiseRecord {
  id: string;
  title: string;
  aliases: string[];
  revision: number;
  createdAt: string;
}

/** A claim kept whole, with what the time rules ask of it. */
export interface StateClaim {
  eventId: string;
  claim: ClaimEvent;
  sequence: number;
  occurred: DayRange;
  sourceId: string;
  recordedAt: string;
}

interface FranchiseRow {
  id: string;
  title: string;
  aliases: string;
  revision: number;
  created_at: string;
}

interface ClaimRow extends CandidateRow {
  record: string;
}

/** Reads of the franchise state: the franchises and the claims kept whole. */
@Injectable()
export class FranchiseStateReadModel {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  find(franchiseId: string): FranchiseRecord | undefined {
    const row = prepared<[string], FranchiseRow>(this.db, 'SELECT * FROM franchises WHERE id = ?').get(franchiseId);
    return row && toFranchise(row);
  }

  list(): FranchiseRecord[] {
    return prepared<[], FranchiseRow>(this.db, 'SELECT * FROM franchises ORDER BY id').all().map(toFranchise);
  }

  /** The franchise's claims within the bounds, in recording order. */
  claims(franchiseId: string, bounds: CandidateBounds): StateClaim[] {
    return prepared<object, ClaimRow>(
      this.db,
      `SELECT c.event_id, c.sequence, c.occurred_earliest, c.occurred_latest, c.source_id, c.recorded_at, c.record
         FROM state_claims c WHERE c.franchise_id = @franchiseId AND ${WITHIN_BOUNDS} ORDER BY c.sequence`,
    )
      .all({ franchiseId, ...boundParams(bounds) })
      .map((row) => ({ ...candidateOf(row), claim: readClaim(row.record) }));
  }
}

function toFranchise(row: FranchiseRow): FranchiseRecord {
  return {
    id: row.id,
    title: row.title,
    aliases: JSON.parse(row.aliases) as string[],
    revision: row.revision,
    createdAt: row.created_at,
  };
}
