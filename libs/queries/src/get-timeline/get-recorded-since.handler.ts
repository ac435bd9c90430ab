import { askedPoint, knowledgeAt } from '@app/domain';
import { FranchiseStateReadModel, TimelineReadModel } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClaimsAtDate } from '../claims-at-date';
import { findFranchise } from '../franchise-lookup';
import { GetRecordedSinceQuery, RecordedSince } from './get-recorded-since.query';
import { timelineEntry } from './get-timeline.handler';

/** Entries one answer holds at most: a client back after a long while gets them in several. */
export const RECORDED_SINCE_LIMIT = 500;

@QueryHandler(GetRecordedSinceQuery)
export class GetRecordedSinceHandler implements IQueryHandler<GetRecordedSinceQuery> {
  constructor(
    private readonly franchises: FranchiseStateReadModel,
    private readonly timeline: TimelineReadModel,
    private readonly claimsAt: ClaimsAtDate,
  ) {}

  async execute({ franchiseId, afterSequence }: GetRecordedSinceQuery): Promise<RecordedSince> {
    const now = askedPoint({});
    findFranchise(this.franchises, franchiseId, now);
    if (afterSequence === undefined) {
      return { lastSequence: this.timeline.lastSequence(franchiseId), entries: [], more: false };
    }
    const records = this.timeline.recordedAfter(franchiseId, afterSequence, RECORDED_SINCE_LIMIT);
    // Asked at every event of the franchise, by every open stream: nothing new costs one indexed read.
    if (records.length === 0) return { lastSequence: afterSequence, entries: [], more: false };
    const judgement = this.claimsAt.at(franchiseId, now);
    const { titles } = judgement.selectNamed(this.timeline.titling([franchiseId], knowledgeAt(now)));
    // A claim withdrawn by now still goes out: the stream says what was recorded, and its retraction follows.
    const entries = judgement.select(records, true).map((counted) => ({
      ...timelineEntry(counted, titles),
      sequence: counted.record.sequence,
    }));
    return {
      lastSequence: records.at(-1)?.sequence ?? afterSequence,
      entries,
      more: records.length === RECORDED_SINCE_LIMIT,
    };
  }
}
