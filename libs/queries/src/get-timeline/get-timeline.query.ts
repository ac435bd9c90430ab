import { DayRange, FactKey } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { AskedAt, AtDate, Certainty } from '../at-date';
import { PageInfo, PageRequest } from '../paging/page';

export type { DayRange };

export interface TimelineEntry {
  eventId: string;
  type: string;
  /** As the source gave it, in EDTF. */
  occurredOn: string;
  occurredBetween: DayRange;
  /** Whether it certainly, or only possibly, had happened and was published by the dates asked. */
  certainty: Certainty;
  filmId?: string;
  summary: string;
  /** The fact it claims a value of, as the ledger is filtered by (`field`, `filmId`); none for a ranking or a retraction. */
  fact?: FactKey;
  /** A scheduled release: the day planned (EDTF) and the days it may be, the date a timeline draws it at. */
  scheduledFor?: string;
  scheduledBetween?: DayRange;
  sourceId: string;
  recordedAt: string;
  recordedBy: string;
}

export interface TimelineAnswer extends AskedAt {
  franchiseId: string;
  /** The order of the entries, in words. */
  order: string;
  page?: PageInfo;
  entries: TimelineEntry[];
}

/** The franchise's claims in the order things happened (`TIMELINE_ORDER`). Paged (all without a page). */
export class GetTimelineQuery extends Query<TimelineAnswer> {
  constructor(
    readonly franchiseId: string,
    readonly at: AtDate,
    readonly page?: PageRequest,
  ) {
    super();
  }
}
