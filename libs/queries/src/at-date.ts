import { EdtfDate } from '@app/domain';
import type Database from 'better-sqlite3';
import { findFranchise } from './franchise-lookup';
import { rankOf } from './source-lookup';
import { prepared } from '@app/projections';

/**
 * The three time axes every read can be asked on: `asOf` keeps what had happened by then,
 * `knownAt` what sources had published by then, `recordedBefore` what this service had
 * recorded before that instant (so an answer given then can be given again, unchanged by
 * later corrections and retractions).
 *
 * An uncertain date is *certain* by a day when its latest possible day is on or before it, and
 * *possible* when only its earliest is; `mode` picks which of the two counts (default certain).
 */
export interface AtDate {
  asOf?: string;
  knownAt?: string;
  recordedBefore?: string;
  mode?: Certainty;
}

export type Certainty = 'certain' | 'possible';

interface AtDateParams {
  asOf: string | null;
  knownAt: string | null;
  recordedBefore: string | null;
  mode: Certainty;
  includeWithdrawn: 0 | 1;
}

/**
 * SQL for a claim row aliased `c` (`occurred_earliest`, `occurred_latest`, `recorded_at`) and its
 * source `s`: the conditions the dates set, the claim's certainty under them, and the withdrawal
 * (`retracted:<id>` or `superseded:<id>`) standing against it. A withdrawn claim drops out, unless
 * asked for, once its withdrawal is known by `knownAt` and was recorded before `recordedBefore`.
 */
export function atDateConditions(
  at: AtDate,
  includeWithdrawn = false,
): { sql: string; certainty: string; withdrawal: string; params: AtDateParams } {
  const by = (alias: string, column: string) =>
    `(CASE @mode WHEN 'possible' THEN ${alias}.${column}_earliest ELSE ${alias}.${column}_latest END)`;
  const withdrawal = (select: string) => `SELECT ${select} FROM withdrawals w JOIN sources ws ON ws.id = w.source_id
     WHERE w.withdrawn_event_id = c.event_id
       AND (@knownAt IS NULL OR ${by('ws', 'published')} <= @knownAt)
       AND (@recordedBefore IS NULL OR w.recorded_at < @recordedBefore)
     LIMIT 1`;
  return {
    sql: `(@asOf IS NULL OR ${by('c', 'occurred')} <= @asOf)
      AND (@knownAt IS NULL OR ${by('s', 'published')} <= @knownAt)
      AND (@recordedBefore IS NULL OR (c.recorded_at < @recordedBefore AND s.recorded_at < @recordedBefore))
      AND (@includeWithdrawn OR NOT EXISTS (${withdrawal('1')}))`,
    withdrawal: `(${withdrawal("w.kind || ':' || w.event_id")})`,
    certainty: `CASE WHEN (@asOf IS NULL OR c.occurred_latest <= @asOf) AND (@knownAt IS NULL OR s.published_latest <= @knownAt)
      THEN 'certain' ELSE 'possible' END`,
    params: {
      asOf: at.asOf ? EdtfDate.parse(at.asOf, 'asOf').latest : null,
      knownAt: at.knownAt ? EdtfDate.parse(at.knownAt, 'knownAt').latest : null,
      recordedBefore: at.recordedBefore ? new Date(at.recordedBefore).toISOString() : null,
      mode: at.mode ?? 'certain',
      includeWithdrawn: includeWithdrawn ? 1 : 0,
    },
  };
}

export interface AskedAt {
  asOf: string | null;
  knownAt: string | null;
  recordedBefore: string | null;
  mode: Certainty;
}

/** Echoes what was asked, `null` for what was not. */
export function echo(at: AtDate): AskedAt {
  return {
    asOf: at.asOf ?? null,
    knownAt: at.knownAt ?? null,
    recordedBefore: at.recordedBefore ?? null,
    mode: at.mode ?? 'certain',
  };
}

/**
 * One franchise's rows of a claim table (aliased `c`, joined to its source `s`), keeping those
 * the dates select, each with its `certainty` and its source's `rank`. Throws `FranchiseNotFoundError` for a franchise
 * unknown (at `recordedBefore`).
 */
export function claimRowsAt<Row>(
  db: Database.Database,
  query: {
    table: string;
    columns: string;
    franchiseId: string;
    at: AtDate;
    orderBy: string;
    /** Keep withdrawn claims, each with its `withdrawal`: for the audit. */
    includeWithdrawn?: boolean;
  },
): Row[] {
  const where = atDateConditions(query.at, query.includeWithdrawn);
  findFranchise(db, query.franchiseId, where.params.recordedBefore);
  return prepared<object, Row>(
    db,
    `SELECT ${query.columns}, ${where.certainty} AS certainty, ${rankOf('c.source_id', true)} AS rank, ${where.withdrawal} AS withdrawal
       FROM ${query.table} c JOIN sources s ON s.id = c.source_id
        WHERE c.franchise_id = @franchiseId AND ${where.sql}
        ORDER BY ${query.orderBy}`,
  ).all({ franchiseId: query.franchiseId, ...where.params });
}
