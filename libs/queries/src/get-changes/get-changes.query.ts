import { BeliefChange } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { Certainty } from '../at-date';
import { TimelineEntry } from '../get-timeline/get-timeline.query';
import { PageInfo, PageRequest } from '../paging/page';

/** Which time axis two points are taken on: when things happened, were published, or were recorded here. */
export type ChangeAxis = 'asOf' | 'knownAt' | 'recorded';

export interface ChangesAnswer {
  franchiseId: string;
  axis: ChangeAxis;
  from: string;
  to: string;
  mode: Certainty;
  page?: PageInfo;
  /** Timeline entries counted at `to` and not at `from`. */
  added: TimelineEntry[];
  /** Entries counted at `from` that no longer count at `to`: retracted or superseded in between. */
  withdrawn: TimelineEntry[];
  /** Facts whose believed value differs between the two points (null: not known at that point). */
  changed: BeliefChange[];
}

/** What changed in a franchise's history between two points on one time axis; paged (all without a page). */
export class GetChangesQuery extends Query<ChangesAnswer> {
  constructor(
    readonly franchiseId: string,
    readonly axis: ChangeAxis,
    readonly from: string,
    readonly to: string,
    readonly mode: Certainty = 'certain',
    readonly page?: PageRequest,
  ) {
    super();
  }
}
