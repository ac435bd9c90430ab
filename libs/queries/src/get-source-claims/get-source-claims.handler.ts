import { EdtfDate } from '@app/domain';
import { READ_MODEL_DATABASE } from '@app/projections';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { findSource, toSource } from '../source-lookup';
import { GetSourceClaimsQuery, SourceClaimsAnswer } from './get-source-claims.query';
import { prepared } from '@app/projections';

interface Row {
  event_id: string;
  franchise_id: string;
  type: string;
  film_id: string | null;
  occurred_on: string;
  occurred_earliest: string;
  occurred_latest: string;
  summary: string;
  recorded_at: string;
}

@QueryHandler(GetSourceClaimsQuery)
export class GetSourceClaimsHandler implements IQueryHandler<GetSourceClaimsQuery> {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  async execute({ sourceId }: GetSourceClaimsQuery): Promise<SourceClaimsAnswer> {
    const source = toSource(findSource(this.db, sourceId));
    const rows = prepared<[string], Row>(
      this.db,
      'SELECT * FROM timeline_entries WHERE source_id = ? ORDER BY sequence',
    ).all(sourceId);
    const contradictions = this.laterContradictions(sourceId);
    return {
      source,
      contradictedLater: rows.filter((row) => contradictions.has(row.event_id)).length,
      claims: rows.map((row) => ({
        eventId: row.event_id,
        franchiseId: row.franchise_id,
        type: row.type,
        ...(row.film_id ? { filmId: row.film_id } : {}),
        occurredOn: row.occurred_on,
        occurredBetween: { earliest: row.occurred_earliest, latest: row.occurred_latest },
        summary: row.summary,
        recordedAt: row.recorded_at,
        contradictedBy: contradictions.get(row.event_id) ?? [],
      })),
    };
  }

  /**
   * For each claim of the source: the sources published after it that claimed a value for the
   * same fact that cannot also be true (a disjoint date, another count).
   */
  private laterContradictions(sourceId: string): Map<string, string[]> {
    const pairs = prepared<[string], ContradictionRow>(
      this.db,
      `SELECT mine.event_id, mine.value AS mine, mine.value_kind, theirs.value AS theirs, theirs.source_id
         FROM ledger_claims mine
         JOIN sources ms ON ms.id = mine.source_id
         JOIN ledger_claims theirs ON theirs.franchise_id = mine.franchise_id AND theirs.fact_id = mine.fact_id
         JOIN sources ts ON ts.id = theirs.source_id
        WHERE mine.source_id = ? AND theirs.source_id <> mine.source_id AND ts.published_earliest > ms.published_latest`,
    ).all(sourceId);
    const found = new Map<string, string[]>();
    for (const pair of pairs) {
      if (agree(pair)) continue;
      const sources = found.get(pair.event_id) ?? [];
      if (!sources.includes(pair.source_id)) sources.push(pair.source_id);
      found.set(pair.event_id, sources);
    }
    return found;
  }
}

interface ContradictionRow {
  event_id: string;
  mine: string;
  theirs: string;
  value_kind: 'date' | 'count';
  source_id: string;
}

function agree({ mine, theirs, value_kind }: ContradictionRow): boolean {
  if (value_kind !== 'date') return mine === theirs;
  return EdtfDate.parse(JSON.parse(mine)).compatibleWith(EdtfDate.parse(JSON.parse(theirs)));
}
