import { ClaimEvent, DayRange } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CandidateBounds, CandidateRow, WITHIN_BOUNDS, boundParams, candidateOf } from '../candidates';
import { idList, prepared } from '../prepared';
import { READ_MODEL_DATABASE } from '../read-model.database';
import { readClaim } from '../stored-claim';

export interface TimelineRecord {
  eventId: string;
  claim: ClaimEvent;
  franchiseId: string;
  sequence: number;
  occurred: DayRange;
  sourceId: string;
  recordedAt: string;
  /** For a retraction, the claim it retracts, when recorded. */
  retracted?: ClaimEvent;
}

interface EntryRow extends CandidateRow {
  franchise_id: string;
  record: string;
  retracted: string | null;
}

const ENTRY = `SELECT c.event_id, c.franchise_id, c.sequence, c.occurred_earliest, c.occurred_latest, c.source_id, c.recorded_at,
    c.record, r.record AS retracted
  FROM timeline_entries c LEFT JOIN timeline_entries r ON r.event_id = c.retracts`;

/** Reads of the timeline: its entries, each with the claim a retraction retracts. */
@Injectable()
export class TimelineReadModel {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  /** The franchise's entries within the bounds, in the order things happened (by the last possible day), then recorded. */
  entries(franchiseId: string, bounds: CandidateBounds): TimelineRecord[] {
    return prepared<object, EntryRow>(
      this.db,
      `${ENTRY} WHERE c.franchise_id = @franchiseId AND ${WITHIN_BOUNDS}
        ORDER BY c.occurred_latest, c.occurred_earliest, c.sequence`,
    )
      .all({ franchiseId, ...boundParams(bounds) })
      .map(toRecord);
  }

  /** Every entry citing the source, in recording order. */
  entriesOfSource(sourceId: string): TimelineRecord[] {
    return prepared<[string], EntryRow>(this.db, `${ENTRY} WHERE c.source_id = ? ORDER BY c.sequence`)
      .all(sourceId)
      .map(toRecord);
  }

  /** Every claim of the franchises named, in recording order. */
  claimsOf(franchiseIds: Iterable<string>): TimelineRecord[] {
    return prepared<[string], EntryRow>(
      this.db,
      `${ENTRY} WHERE c.franchise_id IN (SELECT value FROM json_each(?)) ORDER BY c.sequence`,
    )
      .all(idList(franchiseIds))
      .map(toRecord);
  }
}

function toRecord(row: EntryRow): TimelineRecord {
  return {
    ...candidateOf(row),
    claim: readClaim(row.record),
    franchiseId: row.franchise_id,
    ...(row.retracted ? { retracted: readClaim(row.retracted) } : {}),
  };
}
