import { EdtfDate } from '@app/domain';
import type Database from 'better-sqlite3';
import { findFranchise } from './franchise-lookup';
import { prepared } from '@app/projections';

/**
 * The two dates every read can be asked at: `asOf` keeps what had happened by then,
 * `knownAt` what sources had published by then. For now a partial date counts as of its
 * last day, on both sides: `2020-08` means by 2020-08-31, and a claim that happened in
 * "2020-06" is counted only from 2020-06-30.
 */
export interface AtDate {
  asOf?: string;
  knownAt?: string;
}

/**
 * SQL conditions for a claim row aliased `c` (with `occurred_latest`) and its source `s`.
 * A retracted claim drops out once the retraction's source is published by `knownAt`.
 */
export function atDateConditions(at: AtDate): { sql: string; params: { asOf: string | null; knownAt: string | null } } {
  return {
    sql: `(@asOf IS NULL OR c.occurred_latest <= @asOf) AND (@knownAt IS NULL OR s.published_latest <= @knownAt)
      AND NOT EXISTS (
        SELECT 1 FROM retractions r JOIN sources rs ON rs.id = r.source_id
         WHERE r.retracted_event_id = c.event_id AND (@knownAt IS NULL OR rs.published_latest <= @knownAt))`,
    params: {
      asOf: at.asOf ? EdtfDate.parse(at.asOf, 'asOf').latest : null,
      knownAt: at.knownAt ? EdtfDate.parse(at.knownAt, 'knownAt').latest : null,
    },
  };
}

/** Echoes the dates asked, `null` when not given. */
export function echo(at: AtDate): { asOf: string | null; knownAt: string | null } {
  return { asOf: at.asOf ?? null, knownAt: at.knownAt ?? null };
}

/**
 * One franchise's rows of a claim table (aliased `c`, joined to its source `s`), keeping those
 * the dates select. Throws `FranchiseNotFoundError` for an unknown franchise.
 */
export function claimRowsAt<Row>(
  db: Database.Database,
  query: { table: string; columns: string; franchiseId: string; at: AtDate; orderBy: string },
): Row[] {
  findFranchise(db, query.franchiseId);
  const where = atDateConditions(query.at);
  return prepared<object, Row>(
    db,
    `SELECT ${query.columns} FROM ${query.table} c JOIN sources s ON s.id = c.source_id
        WHERE c.franchise_id = @franchiseId AND ${where.sql}
        ORDER BY ${query.orderBy}`,
  ).all({ franchiseId: query.franchiseId, ...where.params });
}
