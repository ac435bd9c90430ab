import type Database from 'better-sqlite3';
import { prepared } from '../prepared';

/**
 * For each series, the highest count among its readings up to any day, or the lowest from any day
 * on, answered by one lookup: a staircase that keeps only the readings no other beats on that side
 * (a higher count by an earlier or the same day, for the highest), each added once and removed at
 * most once. Whether a new reading contradicts any other is then a lookup on each side instead of a
 * walk over every higher or lower count of the series, which grew with it: 40 µs a reading on the
 * quick data set, a third of the projection's time.
 *
 * `toward: 'before'` answers "highest count on or before a day", `'after'` "lowest on or after".
 */
export class CountStaircase {
  private readonly sql;
  private readonly covers: (kept: number, reading: number) => boolean;

  constructor(
    readonly table: string,
    toward: 'before' | 'after',
  ) {
    const before = toward === 'before';
    const where = 'franchise_id = ? AND series = ? AND day';
    this.sql = {
      bound: `SELECT reading FROM ${table} WHERE ${where} ${before ? '<=' : '>='} ? ORDER BY day ${before ? 'DESC' : 'ASC'} LIMIT 1`,
      beyond: `SELECT day, reading FROM ${table} WHERE ${where} ${before ? '>' : '<'} ? ORDER BY day ${before ? 'ASC' : 'DESC'} LIMIT 1`,
      put: `INSERT OR REPLACE INTO ${table} VALUES (?, ?, ?, ?)`,
      drop: `DELETE FROM ${table} WHERE ${where} = ?`,
    };
    // A kept count covers a reading it beats or equals on its side: the reading changes no answer.
    this.covers = before ? (kept, reading) => kept >= reading : (kept, reading) => kept <= reading;
  }

  /** Its table, keyed by the day of each step. */
  schema(): string {
    return `
    CREATE TABLE IF NOT EXISTS ${this.table} (
      franchise_id TEXT NOT NULL,
      series       TEXT NOT NULL,
      day          TEXT NOT NULL,
      reading      INTEGER NOT NULL,
      PRIMARY KEY (franchise_id, series, day)
    ) WITHOUT ROWID;`;
  }

  /** The highest (`before`) or lowest (`after`) count of the series' readings on that side of `day`, if any. */
  bound(db: Database.Database, franchiseId: string, series: string, day: string): number | undefined {
    return prepared<[string, string, string], number>(db, this.sql.bound).pluck().get(franchiseId, series, day);
  }

  /** Takes in a reading of `count` at `day` (its last possible day for `before`, its first for `after`). */
  add(db: Database.Database, franchiseId: string, series: string, day: string, count: number): void {
    const kept = this.bound(db, franchiseId, series, day);
    if (kept !== undefined && this.covers(kept, count)) return;
    prepared(db, this.sql.put).run(franchiseId, series, day, count);
    // The steps beyond it that it now covers go: each was added once, so this costs nothing in the long run.
    const beyond = prepared<[string, string, string], { day: string; reading: number }>(db, this.sql.beyond);
    for (let next = beyond.get(franchiseId, series, day); next && this.covers(count, next.reading);) {
      prepared(db, this.sql.drop).run(franchiseId, series, next.day);
      next = beyond.get(franchiseId, series, day);
    }
  }
}
