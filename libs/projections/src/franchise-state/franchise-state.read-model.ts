import { ClaimEvent, DayRange } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CandidateBounds, CandidateRow, WITHIN_BOUNDS, boundParams, candidateOf, withOrigin } from '../candidates';
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

/** A series of readings (a film's views by date), and the widest span of days a reading of it may lie in. */
export interface SeriesRecord {
  series: string;
  widestSpanDays: number;
}

/** A place in the list's order: by id, which never changes and is unique. */
export type FranchiseKey = [id: string];

/** The list's order of a franchise. */
export function franchiseKey({ id }: Pick<FranchiseRecord, 'id'>): FranchiseKey {
  return [id];
}

/** Sorts before every franchise: an id is never empty. */
const BEFORE_EVERY_FRANCHISE: FranchiseKey = [''];

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

  /**
   * The franchises in the list's order (`franchiseKey`, by id): those after `after` when given, at
   * most `limit` when given. Read through the primary key's index from the page's start, so a page
   * costs the same however many franchises there are.
   */
  list(range: { after?: FranchiseKey; limit?: number } = {}): FranchiseRecord[] {
    const [afterId] = range.after ?? BEFORE_EVERY_FRANCHISE;
    return prepared<object, FranchiseRow>(
      this.db,
      'SELECT * FROM franchises WHERE id > @afterId ORDER BY id LIMIT @limit',
    )
      .all({ afterId, limit: range.limit ?? -1 })
      .map(toFranchise);
  }

  /** The franchise's claims of single-valued facts within the bounds, in recording order. */
  factClaims(franchiseId: string, bounds: CandidateBounds): StateClaim[] {
    return this.claimsWhere('c.series IS NULL', { franchiseId, ...boundParams(bounds) }, 'c.sequence');
  }

  /**
   * The readings within the bounds (of one series when given) that contradict another reading
   * (any, counted or not), in recording order.
   */
  contestedReadings(franchiseId: string, bounds: CandidateBounds, series?: string): StateClaim[] {
    return this.claimsWhere(
      'c.contested = 1 AND (@series IS NULL OR c.series = @series)',
      { franchiseId, series: series ?? null, ...boundParams(bounds) },
      'c.sequence',
    );
  }

  /** The readings within the bounds (of one series when given) whose date may lie in more than `WIDE_DAYS` days, uncontested, in recording order. */
  wideReadings(franchiseId: string, bounds: CandidateBounds, series?: string): StateClaim[] {
    return this.claimsWhere(
      'c.wide = 1 AND c.contested = 0 AND (@series IS NULL OR c.series = @series)',
      { franchiseId, series: series ?? null, ...boundParams(bounds) },
      'c.sequence',
    );
  }

  /** The readings within the bounds that give their film's title, in recording order: titles come from them too. */
  titledReadings(franchiseId: string, bounds: CandidateBounds): StateClaim[] {
    return this.claimsWhere('c.titled = 1', { franchiseId, ...boundParams(bounds) }, 'c.sequence');
  }

  /** The franchise's series, each with the widest span of days any of its readings but the wide may lie in. */
  series(franchiseId: string): SeriesRecord[] {
    return prepared<[string], { series: string; widest_span_days: number }>(
      this.db,
      'SELECT series, widest_span_days FROM state_series WHERE franchise_id = ? ORDER BY series',
    )
      .all(franchiseId)
      .map((row) => ({ series: row.series, widestSpanDays: row.widest_span_days }));
  }

  /**
   * Up to `limit` uncontested readings of the series (not wide) within the bounds, the latest to begin
   * first, from just before `after` (the last of the previous page) when given.
   */
  readingsLatestFirst(
    franchiseId: string,
    series: string,
    bounds: CandidateBounds,
    limit: number,
    after?: StateClaim,
  ): StateClaim[] {
    return this.claimsWhere(
      `c.series = @series AND c.contested = 0 AND c.wide = 0
        AND (@afterDay IS NULL OR (c.occurred_earliest, c.sequence) < (@afterDay, @afterSequence))`,
      {
        franchiseId,
        series,
        ...boundParams(bounds),
        afterDay: after?.occurred.earliest ?? null,
        afterSequence: after?.sequence ?? null,
      },
      'c.occurred_earliest DESC, c.sequence DESC LIMIT @limit',
      limit,
    );
  }

  /** The uncontested readings of the series (not wide) within the bounds that began after `day`, in recording order. */
  readingsBeganAfter(franchiseId: string, series: string, bounds: CandidateBounds, day: string): StateClaim[] {
    return this.claimsWhere(
      'c.series = @series AND c.contested = 0 AND c.wide = 0 AND c.occurred_earliest > @day',
      { franchiseId, series, day, ...boundParams(bounds) },
      'c.sequence',
    );
  }

  /** The uncontested readings of the series (not wide) within the bounds that counted exactly `count`, in recording order. */
  readingsOf(franchiseId: string, series: string, bounds: CandidateBounds, count: number): StateClaim[] {
    return this.claimsWhere(
      'c.series = @series AND c.contested = 0 AND c.wide = 0 AND c.reading = @count',
      { franchiseId, series, count, ...boundParams(bounds) },
      'c.sequence',
    );
  }

  private claimsWhere(condition: string, params: object, order: string, limit?: number): StateClaim[] {
    return prepared<object, ClaimRow>(
      this.db,
      `SELECT c.event_id, c.sequence, c.occurred_earliest, c.occurred_latest, c.source_id, c.recorded_at, c.record
         FROM state_claims c WHERE c.franchise_id = @franchiseId AND ${condition} AND ${WITHIN_BOUNDS}
        ORDER BY ${order}`,
    )
      .all(limit === undefined ? params : { ...params, limit })
      .map((row) => withOrigin({ ...candidateOf(row), claim: readClaim(row.record) }));
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
