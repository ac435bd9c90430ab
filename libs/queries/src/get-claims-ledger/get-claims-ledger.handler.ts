import { FactKey, EdtfDate, Testimony, resolveFact } from '@app/domain';
import { READ_MODEL_DATABASE } from '@app/projections';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { Certainty, claimRowsAt, echo } from '../at-date';
import { ClaimsLedgerAnswer, GetClaimsLedgerQuery, LedgerClaim, LedgerFact } from './get-claims-ledger.query';

interface LedgerRow {
  event_id: string;
  fact_id: string;
  film_id: string | null;
  field: FactKey['field'];
  window: string | null;
  value: string;
  value_kind: 'date' | 'count';
  type: string;
  occurred_on: string;
  occurred_earliest: string;
  occurred_latest: string;
  certainty: Certainty;
  source_id: string;
  sequence: number;
  recorded_at: string;
  recorded_by: string;
  published_on: string;
}

export const RESOLUTION_RULE =
  'most sources (a coarser date backs a finer one it contains); ties: the more precise date, then the most recently published source';

@QueryHandler(GetClaimsLedgerQuery)
export class GetClaimsLedgerHandler implements IQueryHandler<GetClaimsLedgerQuery> {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  async execute({ franchiseId, at }: GetClaimsLedgerQuery): Promise<ClaimsLedgerAnswer> {
    const rows = claimRowsAt<LedgerRow>(this.db, {
      table: 'ledger_claims',
      columns: 'c.*, s.published_on',
      franchiseId,
      at,
      orderBy: 'c.film_id, c.field, c.window, c.sequence',
    });

    const byFact = new Map<string, LedgerRow[]>();
    for (const row of rows) byFact.set(row.fact_id, [...(byFact.get(row.fact_id) ?? []), row]);
    return { franchiseId, ...echo(at), facts: [...byFact.values()].map(toFact) };
  }
}

function toFact(rows: LedgerRow[]): LedgerFact {
  const first = rows[0];
  const testimonies: Testimony[] = rows.map((row) => ({
    claim: {
      key: { filmId: row.film_id ?? undefined, field: row.field, window: row.window ?? undefined },
      value: JSON.parse(row.value),
      valueKind: row.value_kind,
    },
    eventId: row.event_id,
    sourceId: row.source_id,
    publishedOn: EdtfDate.parse(row.published_on),
    sequence: row.sequence,
  }));
  const resolution = resolveFact(testimonies);
  const claimsById = new Map(rows.map((row) => [row.event_id, toClaim(row)]));
  return {
    filmId: first.film_id,
    field: first.field,
    ...(first.window ? { window: first.window } : {}),
    resolved: { value: resolution.value, supportedBy: resolution.supportedBy, rule: RESOLUTION_RULE },
    disputed: resolution.disputed,
    values: resolution.values.map((v) => ({
      value: v.value,
      sourceIds: v.sourceIds,
      claims: v.eventIds.map((id) => claimsById.get(id)!),
    })),
  };
}

function toClaim(row: LedgerRow): LedgerClaim {
  return {
    eventId: row.event_id,
    sourceId: row.source_id,
    type: row.type,
    occurredOn: row.occurred_on,
    occurredBetween: { earliest: row.occurred_earliest, latest: row.occurred_latest },
    sourcePublishedOn: row.published_on,
    certainty: row.certainty,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}
