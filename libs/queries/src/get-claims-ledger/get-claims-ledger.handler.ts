import { EdtfDate, FactKey, ResolutionPolicy, ResolvedFact, Testimony, resolveFact } from '@app/domain';
import { READ_MODEL_DATABASE } from '@app/projections';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { Certainty, claimRowsAt, echo } from '../at-date';
import { ClaimsLedgerAnswer, GetClaimsLedgerQuery, LedgerClaim, LedgerFact, Standing } from './get-claims-ledger.query';

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
  rank: number;
  withdrawal: string | null;
  supersedes: string | null;
  source_id: string;
  sequence: number;
  recorded_at: string;
  recorded_by: string;
  published_on: string;
  published_earliest: string;
  published_latest: string;
}

@QueryHandler(GetClaimsLedgerQuery)
export class GetClaimsLedgerHandler implements IQueryHandler<GetClaimsLedgerQuery> {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  async execute({ franchiseId, at, policy, filter }: GetClaimsLedgerQuery): Promise<ClaimsLedgerAnswer> {
    const rows = claimRowsAt<LedgerRow>(this.db, {
      table: 'ledger_claims',
      columns: `c.*, s.published_on, s.published_earliest, s.published_latest, (SELECT json_extract(e.event, '$.data.supersedes')
                  FROM state_claims e WHERE e.event_id = c.event_id) AS supersedes`,
      franchiseId,
      at,
      orderBy: 'c.film_id, c.field, c.window, c.sequence',
      includeWithdrawn: true,
    }).filter(
      (row) => (!filter.field || row.field === filter.field) && (!filter.filmId || row.film_id === filter.filmId),
    );

    const byFact = new Map<string, LedgerRow[]>();
    for (const row of rows) byFact.set(row.fact_id, [...(byFact.get(row.fact_id) ?? []), row]);
    return { franchiseId, ...echo(at), policy, facts: [...byFact.values()].map((fact) => toFact(fact, policy)) };
  }
}

function toFact(rows: LedgerRow[], policy: ResolutionPolicy): LedgerFact {
  const first = rows[0];
  // Withdrawn claims are shown, but no longer weigh in the resolution.
  const standingRows = rows.filter((row) => !row.withdrawal);
  const resolution = standingRows.length > 0 ? resolveFact(standingRows.map(testimony), policy) : undefined;
  const accepted = new Set(resolution?.decidedBy ?? []);
  const valuesInOrder = [...new Set([...(resolution?.values.map((v) => v.value) ?? []), ...rows.map(valueOf)])];
  return {
    filmId: first.film_id,
    field: first.field,
    ...(first.window ? { window: first.window } : {}),
    resolved: resolution ? { ...belief(resolution), firstClaimedBy: firstClaim(rows, resolution) } : null,
    disputed: resolution?.disputed ?? false,
    values: valuesInOrder.map((value) => {
      const holding = rows.filter((row) => valueOf(row) === value);
      return {
        value,
        sourceIds: [...new Set(holding.map((row) => row.source_id))],
        claims: holding.map((row) => toClaim(row, standingOf(row, accepted, resolution))),
      };
    }),
  };
}

function belief(resolution: ResolvedFact) {
  const { value, policy, decidedBy, supportedBy } = resolution;
  return { value, policy, decidedBy, supportedBy };
}

/** The earliest published source claiming the believed value (recording order breaks ties). */
function firstClaim(rows: LedgerRow[], resolution: ResolvedFact) {
  const first = rows
    .filter((row) => !row.withdrawal && valueOf(row) === resolution.value)
    .map((row) => ({ row, published: EdtfDate.parse(row.published_on) }))
    .sort(
      (a, b) =>
        a.published.earliest.localeCompare(b.published.earliest) ||
        a.published.latest.localeCompare(b.published.latest) ||
        a.row.sequence - b.row.sequence,
    )[0].row;
  return { sourceId: first.source_id, eventId: first.event_id, publishedOn: first.published_on };
}

function standingOf(row: LedgerRow, accepted: Set<string>, resolution: ResolvedFact | undefined): Standing {
  if (row.withdrawal) return row.withdrawal.startsWith('retracted') ? 'retracted' : 'superseded';
  if (accepted.has(row.event_id)) return 'accepted';
  return resolution && backs(row, resolution) ? 'accepted' : 'outvoted';
}

/** A claim of the believed value, or of a coarser date containing it, stands with it. */
function backs(row: LedgerRow, resolution: ResolvedFact): boolean {
  const value = valueOf(row);
  if (value === resolution.value) return true;
  if (row.value_kind !== 'date') return false;
  return EdtfDate.parse(String(resolution.value)).within(EdtfDate.parse(String(value)));
}

function valueOf(row: LedgerRow) {
  return JSON.parse(row.value) as string | number;
}

function testimony(row: LedgerRow): Testimony {
  return {
    claim: {
      key: { filmId: row.film_id ?? undefined, field: row.field, window: row.window ?? undefined },
      value: valueOf(row),
      valueKind: row.value_kind,
    },
    eventId: row.event_id,
    sourceId: row.source_id,
    publishedOn: EdtfDate.parse(row.published_on),
    sequence: row.sequence,
    rank: row.rank,
  };
}

function toClaim(row: LedgerRow, standing: Standing): LedgerClaim {
  return {
    eventId: row.event_id,
    sourceId: row.source_id,
    type: row.type,
    occurredOn: row.occurred_on,
    occurredBetween: { earliest: row.occurred_earliest, latest: row.occurred_latest },
    sourcePublishedOn: row.published_on,
    sourcePublishedBetween: { earliest: row.published_earliest, latest: row.published_latest },
    certainty: row.certainty,
    standing,
    ...(row.withdrawal ? { withdrawnBy: row.withdrawal.slice(row.withdrawal.indexOf(':') + 1) } : {}),
    ...(row.supersedes ? { supersedes: row.supersedes } : {}),
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}
