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
