import { askedPoint, knowledgeAt, occurredOn } from '@app/domain';
import { FranchiseStateReadModel, TimelineReadModel } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { echo } from '../at-date';
import { ClaimsAtDate } from '../claims-at-date';
import { findFranchise } from '../franchise-lookup';
import { wordClaim } from '../wording/word-claim';
import { GetTimelineQuery, TimelineAnswer } from './get-timeline.query';

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(
    private readonly franchises: FranchiseStateReadModel,
    private readonly timeline: TimelineReadModel,
    private readonly claimsAt: ClaimsAtDate,
  ) {}

  async execute({ franchiseId, at }: GetTimelineQuery): Promise<TimelineAnswer> {
    const point = askedPoint(at);
    findFranchise(this.franchises, franchiseId, point);
    // Pre-selected by what is known, not by asOf: the titles may come from claims after it.
    const candidates = this.timeline.entries(franchiseId, knowledgeAt(point));
    const { counted, titles } = this.claimsAt.selectNamed(franchiseId, candidates, point);
    return {
      franchiseId,
      ...echo(at),
      entries: counted.map(({ record: entry, certainty }) => ({
        eventId: entry.eventId,
        type: entry.claim.type,
        occurredOn: occurredOn(entry.claim),
        occurredBetween: entry.occurred,
        certainty,
        ...wordClaim(entry.claim, entry.retracted, titles),
        sourceId: entry.sourceId,
        recordedAt: entry.recordedAt,
        recordedBy: entry.claim.meta.recordedBy,
      })),
    };
  }
}
