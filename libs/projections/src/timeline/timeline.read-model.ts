import { ClaimEvent, DayRange } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CandidateBounds, CandidateRow, WITHIN_BOUNDS, boundParams, candidateOf, withOrigin } from '../candidates';
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
  /** The source the claim names as its origin. */
  basedOn?: string;
}

interface EntryRow extends CandidateRow {
  franchise_id: string;
  record: string;
  retracted: string | null;
}

const ENTRY = `SELECT c.event_id, c.franchise_id, c.sequence, c.occurred_earliest, c.occurred_latest, c.source_id, c.recorded_at,
    c.record, r.record AS retracted
  FROM timeline_entries c LEFT JOIN timeline_entries r ON r.event_id = c.retracts`;

/**
 * A place in the timeline's order: the first day it may have happened, then the last, then
 * recording order. By the first day, `2020~` and `2020-09/2022-12` come before what they may precede.
 */
export type TimelineKey = [occurredEarliest: string, occurredLatest: string, sequence: number];

/** The timeline's order, in words, as answers state it. */
export const TIMELINE_ORDER = 'by the first day each may have happened, then the last, then recording order';

/** The timeline's order of an entry. */
export function timelineKey({ occurred, sequence }: Pick<TimelineRecord, 'occurred' | 'sequence'>): TimelineKey {
  return [occurred.earliest, occurred.latest, sequence];
}

/** Sorts before every entry: its days are ISO dates, never empty. */
const BEFORE_EVERY_ENTRY: TimelineKey = ['', '', -1];

/** Reads of the timeline: its entries, each with the claim a retraction retracts. */
@Injectable()
export class TimelineReadModel {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  /**
   * The franchise's entries within the bounds in the timeline's order (`timelineKey`): those after
   * `after` when given, at most `limit` when given, so a page costs the same however long the history.
   */
  entries(
    franchiseId: string,
    bounds: CandidateBounds,
    range: { after?: TimelineKey; limit?: number } = {},
  ): TimelineRecord[] {
    // Always a keyset condition, from before every entry on a first page: SQLite then seeks the
    // index to the page's start instead of scanning the pages before it.
    const [afterEarliest, afterLatest, afterSequence] = range.after ?? BEFORE_EVERY_ENTRY;
    return prepared<object, EntryRow>(
      this.db,
      `${ENTRY} WHERE c.franchise_id = @franchiseId AND ${WITHIN_BOUNDS}
          AND (c.occurred_earliest, c.occurred_latest, c.sequence) > (@afterEarliest, @afterLatest, @afterSequence)
        ORDER BY c.occurred_earliest, c.occurred_latest, c.sequence LIMIT @limit`,
    )
      .all({ franchiseId, ...boundParams(bounds), afterLatest, afterEarliest, afterSequence, limit: range.limit ?? -1 })
      .map(toRecord);
  }

  /** The entries of the franchises named that give a film a title, within the bounds, in recording order. */
  titling(franchiseIds: Iterable<string>, bounds: CandidateBounds): TimelineRecord[] {
    return prepared<object, EntryRow>(
      this.db,
      `${ENTRY} WHERE c.franchise_id IN (SELECT value FROM json_each(@franchiseIds)) AND ${WITHIN_BOUNDS}
          AND c.title IS NOT NULL
        ORDER BY c.sequence`,
    )
      .all({ franchiseIds: idList(franchiseIds), ...boundParams(bounds) })
      .map(toRecord);
  }

  /** The franchise's entries recorded after the one numbered `afterSequence`, in recording order, at most `limit`. */
  recordedAfter(franchiseId: string, afterSequence: number, limit: number): TimelineRecord[] {
    return prepared<object, EntryRow>(
      this.db,
      `${ENTRY} WHERE c.franchise_id = @franchiseId AND c.sequence > @afterSequence ORDER BY c.sequence LIMIT @limit`,
    )
      .all({ franchiseId, afterSequence, limit })
      .map(toRecord);
  }

  /** The franchise's last `limit` entries in recording order, the last recorded first. */
  lastRecorded(franchiseId: string, limit: number): TimelineRecord[] {
    return prepared<object, EntryRow>(
      this.db,
      `${ENTRY} WHERE c.franchise_id = @franchiseId ORDER BY c.sequence DESC LIMIT @limit`,
    )
      .all({ franchiseId, limit })
      .map(toRecord);
  }

  /** The number of the franchise's last entry, -1 for none: where a stream of what comes next starts. */
  lastSequence(franchiseId: string): number {
    return (
      prepared<[string], { last: number | null }>(
        this.db,
        'SELECT MAX(sequence) AS last FROM timeline_entries WHERE franchise_id = ?',
      ).get(franchiseId)?.last ?? -1
    );
  }

  /** The entries citing the source in recording order: those after `afterSequence` when given, at most `limit`. */
  entriesOfSource(sourceId: string, range: { afterSequence?: number; limit?: number } = {}): TimelineRecord[] {
    return prepared<object, EntryRow>(
      this.db,
      `${ENTRY} WHERE c.source_id = @sourceId AND c.sequence > @afterSequence ORDER BY c.sequence LIMIT @limit`,
    )
      .all({ sourceId, afterSequence: range.afterSequence ?? -1, limit: range.limit ?? -1 })
      .map(toRecord);
  }
}

function toRecord(row: EntryRow): TimelineRecord {
  return withOrigin({
    ...candidateOf(row),
    claim: readClaim(row.record),
    franchiseId: row.franchise_id,
    ...(row.retracted ? { retracted: readClaim(row.retracted) } : {}),
  });
}
