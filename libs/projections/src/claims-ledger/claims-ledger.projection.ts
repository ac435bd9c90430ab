import { CLAIM_TYPES, ClaimEvent, EdtfDate, factKeyId, factsOf, occurredOn } from '@app/domain';
import type Database from 'better-sqlite3';
import { AppliedAt, Projection } from '../projection';
import { prepared } from '../prepared';

/** For every fact, one row per claimed value: who claimed what, when it happened, when recorded. */
export class ClaimsLedgerProjection implements Projection<ClaimEvent> {
  readonly name = 'claims-ledger';
  /**
   * 4: facts listed in `ledger_facts`, readings of a series kept as `reading`.
   * 5: the source a claim names as its origin (`based_on`).
   */
  readonly version = 5;
  readonly handles = CLAIM_TYPES;

  readonly schema = `
    CREATE TABLE IF NOT EXISTS ledger_claims (
      event_id        TEXT NOT NULL,
      fact_id         TEXT NOT NULL,
      franchise_id    TEXT NOT NULL,
      film_id         TEXT,
      field           TEXT NOT NULL,
      window          TEXT,
      value           TEXT NOT NULL,
      value_kind      TEXT NOT NULL,
      type            TEXT NOT NULL,
      occurred_on       TEXT NOT NULL,
      occurred_earliest TEXT NOT NULL,
      occurred_latest   TEXT NOT NULL,
      source_id       TEXT NOT NULL,
      sequence        INTEGER NOT NULL,
      recorded_at     TEXT NOT NULL,
      recorded_by     TEXT NOT NULL,
      based_on        TEXT,
      PRIMARY KEY (event_id, fact_id)
    );
    CREATE INDEX IF NOT EXISTS ledger_by_franchise ON ledger_claims (franchise_id, fact_id, sequence);
    CREATE INDEX IF NOT EXISTS ledger_by_source ON ledger_claims (source_id, sequence);
    CREATE TABLE IF NOT EXISTS ledger_facts (
      franchise_id    TEXT NOT NULL,
      fact_id         TEXT NOT NULL,
      film_id         TEXT,
      field           TEXT NOT NULL,
      window          TEXT,
      value_kind      TEXT NOT NULL,
      PRIMARY KEY (franchise_id, fact_id)
    );
  `;

  readonly tables = ['ledger_claims', 'ledger_facts'];

  apply(db: Database.Database, event: ClaimEvent, at: AppliedAt): void {
    const happened = EdtfDate.parse(occurredOn(event));
    const insert = prepared(
      db,
      `INSERT OR IGNORE INTO ledger_claims VALUES
       (@eventId, @factId, @franchiseId, @filmId, @field, @window, @value, @valueKind, @type,
        @occurredOn, @occurredEarliest, @occurredLatest, @sourceId, @sequence, @recordedAt, @recordedBy, @basedOn)`,
    );
    const listFact = prepared(db, 'INSERT OR IGNORE INTO ledger_facts VALUES (?, ?, ?, ?, ?, ?)');
    for (const fact of factsOf(event)) {
      listFact.run(
        event.data.franchiseId,
        factKeyId(fact.key),
        fact.key.filmId ?? null,
        fact.key.field,
        fact.key.window ?? null,
        fact.valueKind,
      );
      insert.run({
        eventId: event.eventId,
        factId: factKeyId(fact.key),
        franchiseId: event.data.franchiseId,
        filmId: fact.key.filmId ?? null,
        field: fact.key.field,
        window: fact.key.window ?? null,
        value: JSON.stringify(fact.value),
        valueKind: fact.valueKind,
        type: event.type,
        occurredOn: happened.value,
        occurredEarliest: happened.earliest,
        occurredLatest: happened.latest,
        sourceId: event.meta.sourceId,
        sequence: at.sequence,
        recordedAt: event.meta.recordedAt,
        recordedBy: event.meta.recordedBy,
        basedOn: event.data.basedOn ?? null,
      });
    }
  }
}
