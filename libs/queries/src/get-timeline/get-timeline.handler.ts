import { EdtfDate, askedPoint, factsOf, knowledgeAt, occurredOn } from '@app/domain';
import {
  FranchiseStateReadModel,
  TIMELINE_ORDER,
  TimelineKey,
  TimelineReadModel,
  TimelineRecord,
  timelineKey,
} from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { echo } from '../at-date';
import { ClaimsAtDate, Counted } from '../claims-at-date';
import { findFranchise } from '../franchise-lookup';
import { Page } from '../paging/page';
import { wordClaim } from '../wording/word-claim';
import { GetTimelineQuery, TimelineAnswer, TimelineEntry } from './get-timeline.query';

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(
    private readonly franchises: FranchiseStateReadModel,
    private readonly timeline: TimelineReadModel,
    private readonly claimsAt: ClaimsAtDate,
  ) {}

  async execute({ franchiseId, at, page: request }: GetTimelineQuery): Promise<TimelineAnswer> {
    const point = askedPoint(at);
    findFranchise(this.franchises, franchiseId, point);
    // Named by its order: a cursor from the order by the last day first is refused, not misread.
    const page = new Page<TimelineKey>(request, ['timeline-by-first-day', franchiseId, echo(at)], 3);
    const read = page.fill(
      (after, limit) => this.timeline.entries(franchiseId, point, { after, limit }),
      timelineKey,
      (entries) => this.claimsAt.select(franchiseId, entries, point),
    );
    const { items: counted, page: info } = page.answer(read, ({ record }) => timelineKey(record));
    // Titles by what is known, not by asOf: they may come from claims after it.
    const { titles } = this.claimsAt.selectNamed(
      franchiseId,
      this.timeline.titling([franchiseId], knowledgeAt(point)),
      point,
    );
    return {
      franchiseId,
      ...echo(at),
      order: TIMELINE_ORDER,
      ...(info ? { page: info } : {}),
      entries: counted.map((entry) => timelineEntry(entry, titles)),
    };
  }
}

/** A timeline entry as answered: the claim worded with the film titles known. */
export function timelineEntry(
  { record: entry, certainty }: Counted<TimelineRecord>,
  titles: Map<string, string>,
): TimelineEntry {
  return {
    eventId: entry.eventId,
    type: entry.claim.type,
    occurredOn: occurredOn(entry.claim),
    occurredBetween: entry.occurred,
    certainty,
    ...wordClaim(entry.claim, entry.retracted, titles),
    ...factOf(entry.claim),
    ...(entry.claim.type === 'ReleaseScheduled' ? scheduled(entry.claim.data.scheduledFor) : {}),
    sourceId: entry.sourceId,
    recordedAt: entry.recordedAt,
    recordedBy: entry.claim.meta.recordedBy,
  };
}

function scheduled(scheduledFor: string): Pick<TimelineEntry, 'scheduledFor' | 'scheduledBetween'> {
  return { scheduledFor, scheduledBetween: EdtfDate.parse(scheduledFor).days };
}

function factOf(claim: TimelineRecord['claim']): Pick<TimelineEntry, 'fact'> {
  const [fact] = factsOf(claim);
  return fact ? { fact: fact.key } : {};
}
