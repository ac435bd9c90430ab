import { askedPoint, knowledgeAt } from '@app/domain';
import { FranchiseStateReadModel, SourceCatalogReadModel, TimelineReadModel, TimelineRecord } from '@app/projections';
import { Injectable } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClaimsAtDate } from '../claims-at-date';
import { findFranchise } from '../franchise-lookup';
import {
  GetLastRecordedQuery,
  GetProvenanceQuery,
  GetRecordedSinceQuery,
  NumberedEntry,
  ProvenanceAnswer,
  ProvenanceEntry,
  RecordedSince,
} from './get-recorded-since.query';
import { timelineEntry } from './get-timeline.handler';

/** Entries one answer holds at most: a client back after a long while gets them in several. */
export const RECORDED_SINCE_LIMIT = 500;

/** Entries as recorded, as they stand today, for the stream, the feed and the provenance graph. */
@Injectable()
export class AsRecorded {
  constructor(
    readonly franchises: FranchiseStateReadModel,
    readonly timeline: TimelineReadModel,
    readonly sources: SourceCatalogReadModel,
    private readonly claimsAt: ClaimsAtDate,
  ) {}

  /** The records worded with today's titles; a claim withdrawn by now is kept: its retraction comes as an entry of its own. */
  entries(franchiseId: string, records: TimelineRecord[]): NumberedEntry[] {
    return this.withProvenance(franchiseId, records).map(({ basedOn, withdrawnBy, ...entry }) => entry);
  }

  /** `entries`, each with the source it relied on and what withdrew it. */
  withProvenance(franchiseId: string, records: TimelineRecord[]): ProvenanceEntry[] {
    const now = askedPoint({});
    const judgement = this.claimsAt.at(franchiseId, now);
    const { titles } = judgement.selectNamed(this.timeline.titling([franchiseId], knowledgeAt(now)));
    return judgement.select(records, true).map((counted) => ({
      ...timelineEntry(counted, titles),
      sequence: counted.record.sequence,
      ...(counted.record.basedOn ? { basedOn: counted.record.basedOn } : {}),
      ...(counted.withdrawal ? { withdrawnBy: counted.withdrawal } : {}),
    }));
  }
}

@QueryHandler(GetProvenanceQuery)
export class GetProvenanceHandler implements IQueryHandler<GetProvenanceQuery> {
  constructor(private readonly recorded: AsRecorded) {}

  async execute({ franchiseId }: GetProvenanceQuery): Promise<ProvenanceAnswer> {
    const franchise = findFranchise(this.recorded.franchises, franchiseId);
    // Every claim: -1 starts before the first, and no limit.
    const claims = this.recorded.withProvenance(franchiseId, this.recorded.timeline.recordedAfter(franchiseId, -1, -1));
    const cited = new Set(claims.flatMap((c) => (c.basedOn ? [c.sourceId, c.basedOn] : [c.sourceId])));
    const sources = [...this.recorded.sources.byIds(cited).values()].map(({ id, name, kind, publishedOn, url }) => ({
      id,
      name,
      kind,
      publishedOn,
      ...(url ? { url } : {}),
    }));
    return { franchiseId, title: franchise.title, sources, claims };
  }
}

@QueryHandler(GetLastRecordedQuery)
export class GetLastRecordedHandler implements IQueryHandler<GetLastRecordedQuery> {
  constructor(private readonly recorded: AsRecorded) {}

  async execute({ franchiseId, limit }: GetLastRecordedQuery) {
    const franchise = findFranchise(this.recorded.franchises, franchiseId);
    return {
      title: franchise.title,
      entries: this.recorded.entries(franchiseId, this.recorded.timeline.lastRecorded(franchiseId, limit)),
    };
  }
}

@QueryHandler(GetRecordedSinceQuery)
export class GetRecordedSinceHandler implements IQueryHandler<GetRecordedSinceQuery> {
  constructor(
    private readonly franchises: FranchiseStateReadModel,
    private readonly timeline: TimelineReadModel,
    private readonly recorded: AsRecorded,
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
    const entries = this.recorded.entries(franchiseId, records);
    return {
      lastSequence: records.at(-1)?.sequence ?? afterSequence,
      entries,
      more: records.length === RECORDED_SINCE_LIMIT,
    };
  }
}
