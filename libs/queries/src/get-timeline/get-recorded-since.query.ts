import { SourceKind, WithdrawalKind } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { TimelineEntry } from './get-timeline.query';

/** A timeline entry with its number in recording order: the id a stream sends it under. */
export interface NumberedEntry extends TimelineEntry {
  sequence: number;
}

export interface RecordedSince {
  /** The number of the last entry the franchise has: where to ask from next. */
  lastSequence: number;
  entries: NumberedEntry[];
  /** More were recorded since than one answer holds: ask again from `lastSequence`. */
  more: boolean;
}

/** A claim with its provenance: as recorded, the source it relied on, and what withdrew it. */
export interface ProvenanceEntry extends NumberedEntry {
  basedOn?: string;
  withdrawnBy?: { eventId: string; kind: WithdrawalKind };
}

export interface ProvenanceAnswer {
  franchiseId: string;
  title: string;
  /** The sources the claims cite and the origins they name. */
  sources: { id: string; name: string; kind: SourceKind; publishedOn: string; url?: string }[];
  /** Every claim in recording order. */
  claims: ProvenanceEntry[];
}

/** Every claim of the franchise with its provenance, as it stands today: what a provenance graph shows. */
export class GetProvenanceQuery extends Query<ProvenanceAnswer> {
  constructor(readonly franchiseId: string) {
    super();
  }
}

/** The franchise's last entries as recorded, the last first, as they stand today: what a feed of changes shows. */
export class GetLastRecordedQuery extends Query<{ title: string; entries: NumberedEntry[] }> {
  constructor(
    readonly franchiseId: string,
    readonly limit: number,
  ) {
    super();
  }
}

/**
 * The franchise's timeline entries recorded after the one numbered `afterSequence`, in recording
 * order, as they stand today; none but the franchise's last number when `afterSequence` is not given.
 */
export class GetRecordedSinceQuery extends Query<RecordedSince> {
  constructor(
    readonly franchiseId: string,
    readonly afterSequence?: number,
  ) {
    super();
  }
}
