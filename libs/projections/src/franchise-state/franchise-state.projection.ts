import { CLAIM_TYPES, EdtfDate, FranchiseEvent, factKeyId, factsOf } from '@app/domain';
import { CLAIM_ROW_COLUMNS, claimRowValues } from '../candidates';
import type Database from 'better-sqlite3';
import { AppliedAt, Projection } from '../projection';
import { prepared } from '../prepared';
import { CountStaircase } from './count-staircase';
import { storedClaim } from '../stored-claim';

/**
 * Readings that may lie in more days than this (an open end, "since September 2021") are `wide`:
 * read with every state like the contested ones, so that the span searched for the highest
 * count stays that of the others (a year at most).
 */
export const WIDE_DAYS = 366;

/**
 * The readings of the series that the reading with `@value`, taken between `@earliest` and
 * `@latest`, contradicts: the SQL form of the domain's `contradicts` (a lower count taken no
 * earlier than a higher one's last day), one condition per side. Whether there is any is asked of
 * the side's staircase (one lookup: the highest count by the new reading's first day, the lowest
 * from its last day); only then are they marked, each on the index that keeps that walk short
 * (left to itself, the planner walks every lower count for the second).
 */
const CONTRADICTING = [
  {
    // Higher counts whose last day is on or before the new reading's first.
    staircase: new CountStaircase('state_highest_by_day', 'before'),
    contradicted: (bound: number, value: number) => bound > value,
    // Asked at the new reading's first day; each reading kept under its last.
    asks: 'earliest',
    keeps: 'latest',
    index: 'state_readings_by_count',
    where: 'franchise_id = @franchiseId AND series = @series AND reading > @value AND occurred_latest <= @earliest',
  },
  {
    // Lower counts whose first day is on or after the new reading's last.
    staircase: new CountStaircase('state_lowest_from_day', 'after'),
    contradicted: (bound: number, value: number) => bound < value,
    asks: 'latest',
    keeps: 'earliest',
    index: 'state_readings_by_day',
    where: 'franchise_id = @franchiseId AND series = @series AND reading < @value AND occurred_earliest >= @latest',
  },
] as const;

/**
 * The franchises, each with its stream revision (served as the ETag), and every claim that
 * shapes a franchise's state, kept whole so the state can be folded at any date on request.
 *
 * Claims of single-valued facts are few per fact (one per source at most, as a rule) and are all
 * read. Readings of a series (view counts by date) grow without bound, so each is kept with its
 * count and whether it contradicts another reading (`contested`): an uncontested reading never
 * disputes anything, so a read needs only the contested and wide ones and those near the latest
 * counted (see `StateCandidates`). Chart rankings assert no fact and are not kept.
 */
export class FranchiseStateProjection implements Projection<FranchiseEvent> {
  readonly name = 'franchise-state';
  /**
   * 4: readings of a series kept apart, with their count and whether contested or wide; rankings not kept.
   * 5: readings that give the film's title marked `titled`.
   * 6: each series' highest count by day and lowest from day kept (`CountStaircase`).
   */
  readonly version = 6;
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
      record            TEXT NOT NULL,
      series            TEXT,
      reading           INTEGER,
      contested         INTEGER NOT NULL DEFAULT 0,
      wide              INTEGER NOT NULL DEFAULT 0,
      titled            INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS state_facts ON state_claims (franchise_id, sequence) WHERE series IS NULL;
    CREATE INDEX IF NOT EXISTS state_readings_by_day
      ON state_claims (franchise_id, series, occurred_earliest, sequence) WHERE series IS NOT NULL;
    CREATE INDEX IF NOT EXISTS state_readings_by_count
      ON state_claims (franchise_id, series, reading) WHERE series IS NOT NULL;
    CREATE INDEX IF NOT EXISTS state_contested ON state_claims (franchise_id, sequence) WHERE contested = 1;
    CREATE INDEX IF NOT EXISTS state_wide ON state_claims (franchise_id, sequence) WHERE wide = 1;
    CREATE INDEX IF NOT EXISTS state_titled ON state_claims (franchise_id, sequence) WHERE titled = 1;
    CREATE TABLE IF NOT EXISTS state_series (
      franchise_id      TEXT NOT NULL,
      series            TEXT NOT NULL,
      widest_span_days  INTEGER NOT NULL,
      PRIMARY KEY (franchise_id, series)
    );
    ${CONTRADICTING.map((side) => side.staircase.schema()).join('\n')}
  `;

  readonly tables = [
    'franchises',
    'state_claims',
    'state_series',
    ...CONTRADICTING.map((side) => side.staircase.table),
  ];

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
    const facts = factsOf(event);
    if (facts.length === 0) return;
    const reading = facts.find((fact) => fact.valueKind === 'reading');
    const series = reading ? factKeyId(reading.key) : null;
    const days = reading ? EdtfDate.parse(reading.at!) : undefined;
    const wide = days !== undefined && days.spanInDays > WIDE_DAYS;
    // A reading naming its film is read with every state, like the wide: the film may have no other title.
    const titled = reading !== undefined && Boolean((event.data as { title?: string }).title);
    const stored = prepared(
      db,
      'INSERT OR IGNORE INTO state_claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
    ).run(
      ...claimRowValues(event, at),
      storedClaim(event),
      series,
      reading ? Number(reading.value) : null,
      wide ? 1 : 0,
      titled ? 1 : 0,
    );
    if (reading && series && days && stored.changes > 0) {
      this.weighReading(db, { franchiseId, series, eventId: event.eventId, value: Number(reading.value), days, wide });
    }
  }

  /** Marks the new reading and every reading it contradicts as contested (see `CONTRADICTING`). */
  private weighReading(
    db: Database.Database,
    reading: { franchiseId: string; series: string; eventId: string; value: number; days: EdtfDate; wide: boolean },
  ): void {
    const { franchiseId, series, eventId, value, days, wide } = reading;
    const params = { franchiseId, series, value, earliest: days.earliest, latest: days.latest };
    let contradicts = false;
    for (const { staircase, contradicted, asks, index, where } of CONTRADICTING) {
      // Most readings contradict none: asked first, so that they write nothing more.
      const bound = staircase.bound(db, franchiseId, series, days[asks]);
      if (bound === undefined || !contradicted(bound, value)) continue;
      contradicts = true;
      prepared(db, `UPDATE state_claims INDEXED BY ${index} SET contested = 1 WHERE ${where} AND contested = 0`).run(
        params,
      );
    }
    for (const { staircase, keeps } of CONTRADICTING) staircase.add(db, franchiseId, series, days[keeps], value);
    if (contradicts) prepared(db, 'UPDATE state_claims SET contested = 1 WHERE event_id = ?').run(eventId);
    prepared(
      db,
      `INSERT INTO state_series VALUES (?, ?, ?) ON CONFLICT (franchise_id, series)
         DO UPDATE SET widest_span_days = MAX(widest_span_days, excluded.widest_span_days)`,
    ).run(franchiseId, series, wide ? 0 : days.spanInDays);
  }
}
