import { agree, askedPoint, certainlyAfter, occurredOn } from '@app/domain';
import { ClaimsLedgerReadModel, LedgerRecord, SourceCatalogReadModel, TimelineReadModel } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClaimsAtDate } from '../claims-at-date';
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
    const titles = this.titlesKnown(entries.map((e) => e.franchiseId));
    const contradictions = this.laterContradictions(sourceId);
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
  private titlesKnown(franchiseIds: string[]): Map<string, Map<string, string>> {
    const claims = this.timeline.titling(franchiseIds, {});
    const now = askedPoint({});
    return new Map(
      [...new Set(franchiseIds)].map((id) => [
        id,
        this.claimsAt.selectNamed(
          id,
          claims.filter((c) => c.franchiseId === id),
          now,
        ).titles,
      ]),
    );
  }

  /**
   * For each claim of the source: the sources published after it that claimed a value for the
   * same fact that cannot also be true (a disjoint date, another count). A withdrawn claim, its
   * own or theirs, contradicts nothing: its source took it back, or a correction replaced it.
   */
  private laterContradictions(sourceId: string): Map<string, string[]> {
    const mine = this.standing(this.ledger.claimsOfSource(sourceId));
    const theirs = this.standing(this.ledger.claimsOfFacts(mine)).filter((claim) => claim.sourceId !== sourceId);
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

  /** The claims not withdrawn today, franchise by franchise, in the order given. */
  private standing<T extends LedgerRecord>(claims: T[]): T[] {
    const now = askedPoint({});
    const kept = new Set(
      [...new Set(claims.map((c) => c.franchiseId))].flatMap((franchiseId) =>
        this.claimsAt
          .select(
            franchiseId,
            claims.filter((c) => c.franchiseId === franchiseId),
            now,
          )
          .map(({ record }) => record.eventId),
      ),
    );
    return claims.filter((claim) => kept.has(claim.eventId));
  }
}
