import { DayRange, FactClaim, FactKey, FactValue } from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { CandidateBounds, CandidateRow, WITHIN_BOUNDS, boundParams, candidateOf } from '../candidates';
import { prepared } from '../prepared';
import { READ_MODEL_DATABASE } from '../read-model.database';

/** One claimed value of one fact. */
export interface LedgerRecord {
  eventId: string;
  factId: string;
  franchiseId: string;
  key: FactKey;
  value: FactValue;
  valueKind: FactClaim['valueKind'];
  /** When a reading of a series was taken: the claim's date. */
  at?: string;
  type: string;
  occurredOn: string;
  occurred: DayRange;
  sourceId: string;
  sequence: number;
  recordedAt: string;
  recordedBy: string;
  /** The source the claim names as its origin. */
  basedOn?: string;
}

/** A fact the ledger lists: its id, its key, and how its values compare. */
export interface LedgerFactRecord {
  factId: string;
  key: FactKey;
  valueKind: FactClaim['valueKind'];
}

interface LedgerFactRow {
  fact_id: string;
  film_id: string | null;
  field: FactKey['field'];
  window: string | null;
  value_kind: FactClaim['valueKind'];
}

interface LedgerRow extends CandidateRow {
  fact_id: string;
  franchise_id: string;
  film_id: string | null;
  field: FactKey['field'];
  window: string | null;
  value: string;
  value_kind: FactClaim['valueKind'];
  type: string;
  occurred_on: string;
  recorded_by: string;
  based_on: string | null;
}

/** Reads of the claims ledger: who claimed which value of each fact. */
@Injectable()
export class ClaimsLedgerReadModel {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  /** The franchise's facts (those of one film or field when asked), by film, field and window. */
  facts(franchiseId: string, filter: { filmId?: string; field?: string } = {}): LedgerFactRecord[] {
    return prepared<object, LedgerFactRow>(
      this.db,
      `SELECT * FROM ledger_facts WHERE franchise_id = @franchiseId
          AND (@filmId IS NULL OR film_id = @filmId) AND (@field IS NULL OR field = @field)
        ORDER BY film_id, field, window`,
    )
      .all({ franchiseId, filmId: filter.filmId ?? null, field: filter.field ?? null })
      .map((row) => ({
        factId: row.fact_id,
        key: { filmId: row.film_id ?? undefined, field: row.field, window: row.window ?? undefined },
        valueKind: row.value_kind,
      }));
  }

  /**
   * The values claimed for one fact within the bounds, in recording order: after the claim
   * recorded `afterSequence` and at most `limit` when given.
   */
  claimsOfFact(
    franchiseId: string,
    factId: string,
    bounds: CandidateBounds,
    page: { afterSequence?: number; limit?: number } = {},
  ): LedgerRecord[] {
    return prepared<object, LedgerRow>(
      this.db,
      `SELECT c.* FROM ledger_claims c
        WHERE c.franchise_id = @franchiseId AND c.fact_id = @factId AND c.sequence > @afterSequence AND ${WITHIN_BOUNDS}
        ORDER BY c.sequence LIMIT @limit`,
    )
      .all({
        franchiseId,
        factId,
        afterSequence: page.afterSequence ?? -1,
        limit: page.limit ?? -1,
        ...boundParams(bounds),
      })
      .map(toRecord);
  }

  /** The values the source claimed, in recording order. */
  claimsOfSource(sourceId: string): LedgerRecord[] {
    return prepared<[string], LedgerRow>(this.db, 'SELECT * FROM ledger_claims WHERE source_id = ? ORDER BY sequence')
      .all(sourceId)
      .map(toRecord);
  }

  /** Every value claimed for the facts named (by franchise and fact id), in recording order. */
  claimsOfFacts(facts: { franchiseId: string; factId: string }[]): LedgerRecord[] {
    return prepared<[string], LedgerRow>(
      this.db,
      `SELECT c.* FROM ledger_claims c
         JOIN (SELECT json_extract(value, '$[0]') AS franchise_id, json_extract(value, '$[1]') AS fact_id
                 FROM json_each(?)) f ON f.franchise_id = c.franchise_id AND f.fact_id = c.fact_id
        ORDER BY c.sequence`,
    )
      .all(JSON.stringify(facts.map((f) => [f.franchiseId, f.factId])))
      .map(toRecord);
  }
}

function toRecord(row: LedgerRow): LedgerRecord {
  return {
    ...candidateOf(row),
    factId: row.fact_id,
    franchiseId: row.franchise_id,
    key: { filmId: row.film_id ?? undefined, field: row.field, window: row.window ?? undefined },
    value: JSON.parse(row.value) as FactValue,
    valueKind: row.value_kind,
    ...(row.value_kind === 'reading' ? { at: row.occurred_on } : {}),
    type: row.type,
    occurredOn: row.occurred_on,
    recordedBy: row.recorded_by,
    ...(row.based_on ? { basedOn: row.based_on } : {}),
  };
}
