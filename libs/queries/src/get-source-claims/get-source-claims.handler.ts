import { agree, askedPoint, certainlyAfter, occurredOn } from '@app/domain';
import { ClaimsLedgerReadModel, LedgerRecord, SourceCatalogReadModel, TimelineReadModel } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClaimsAtDate, Judgement } from '../claims-at-date';
import { Page } from '../paging/page';
import { findSource, toSource } from '../source-lookup';
import { wordClaim } from '../wording/word-claim';
import { GetSourceClaimsQuery, SourceClaimsAnswer } from './get-source-claims.query';

@QueryHandler(GetSourceClaimsQuery)
export class GetSourceClaimsHandler implements IQueryHandler<GetSourceClaimsQuery> {
  constructor(
    private readonly sources: SourceCatalogReadModel,
    private readonly timeline: TimelineReadModel,
    private readonly ledger: ClaimsLedgerReadModel,
    private readonly claimsAt: ClaimsAtDate,
  ) {}

  async execute({ sourceId, page: request }: GetSourceClaimsQuery): Promise<SourceClaimsAnswer> {
    const source = findSource(this.sources, sourceId);
    const page = new Page<[number]>(request, ['source-claims', sourceId], 1);
    const { items: entries, page: info } = page.answer(
      this.timeline.entriesOfSource(sourceId, { afterSequence: page.after?.[0], limit: page.toRead }),
      (entry) => [entry.sequence],
    );
    // Judged as of today, each franchise once for the titles and the contradictions alike.
    const judgements = new Map<string, Judgement>();
    const judge = (franchiseId: string) => {
      if (!judgements.has(franchiseId)) judgements.set(franchiseId, this.claimsAt.at(franchiseId, askedPoint({})));
      return judgements.get(franchiseId)!;
    };
    const titles = this.titlesKnown(
      entries.map((e) => e.franchiseId),
      judge,
    );
    const contradictions = this.laterContradictions(sourceId, judge);
    return {
      source: toSource(source),
      contradictedLater: contradictions.size,
      ...(info ? { page: info } : {}),
      claims: entries.map((entry) => {
        const { filmId, summary } = wordClaim(entry.claim, entry.retracted, titles.get(entry.franchiseId)!);
        return {
          eventId: entry.eventId,
          franchiseId: entry.franchiseId,
          type: entry.claim.type,
          ...(filmId ? { filmId } : {}),
          occurredOn: occurredOn(entry.claim),
          occurredBetween: entry.occurred,
          summary,
          recordedAt: entry.recordedAt,
          contradictedBy: contradictions.get(entry.eventId) ?? [],
        };
      }),
    };
  }

  /** No dates asked: every title known (not withdrawn), franchise by franchise. */
  private titlesKnown(franchiseIds: string[], judge: Judge): Map<string, Map<string, string>> {
    const claims = byFranchise(this.timeline.titling(franchiseIds, {}));
    return new Map([...new Set(franchiseIds)].map((id) => [id, judge(id).selectNamed(claims.get(id) ?? []).titles]));
  }

  /**
   * For each claim of the source: the sources published after it that claimed a value for the
   * same fact that cannot also be true (a disjoint date, another count). A withdrawn claim, its
   * own or theirs, contradicts nothing: its source took it back, or a correction replaced it.
   */
  private laterContradictions(sourceId: string, judge: Judge): Map<string, string[]> {
    const mine = standing(this.ledger.claimsOfSource(sourceId), judge);
    const theirs = standing(this.ledger.claimsOfFacts(mine), judge).filter((claim) => claim.sourceId !== sourceId);
    const published = this.sources.byIds([sourceId, ...theirs.map((claim) => claim.sourceId)]);
    const found = new Map<string, string[]>();
    for (const claim of mine) {
      for (const other of theirs) {
        if (other.franchiseId !== claim.franchiseId || other.factId !== claim.factId) continue;
        const later = certainlyAfter(published.get(other.sourceId)!.published, published.get(sourceId)!.published);
        if (!later || agree(claim, other)) continue;
        const sources = found.get(claim.eventId) ?? [];
        if (!sources.includes(other.sourceId)) sources.push(other.sourceId);
        found.set(claim.eventId, sources);
      }
    }
    return found;
  }
}

type Judge = (franchiseId: string) => Judgement;

/** The claims not withdrawn today, in the order given. */
function standing<T extends LedgerRecord>(claims: T[], judge: Judge): T[] {
  const kept = new Set(
    [...byFranchise(claims)].flatMap(([franchiseId, ofIt]) =>
      judge(franchiseId)
        .select(ofIt)
        .map(({ record }) => record.eventId),
    ),
  );
  return claims.filter((claim) => kept.has(claim.eventId));
}

function byFranchise<T extends { franchiseId: string }>(records: T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const record of records) {
    const ofIt = grouped.get(record.franchiseId);
    if (ofIt) ofIt.push(record);
    else grouped.set(record.franchiseId, [record]);
  }
  return grouped;
}
