import { TimelineEvent } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { PageInfo, PageRequest } from '../paging/page';

export interface RawEvent {
  eventId: string;
  type: string;
  revision: number;
  position: string;
  data: TimelineEvent['data'];
  sourceId?: string;
  recordedAt: string;
  recordedBy: string;
  schemaVersion: number;
  correlationId?: string;
  causationId?: string;
}

export interface FranchiseEventsAnswer {
  franchiseId: string;
  /** The revision of the last event listed: the stream's revision on the last page. */
  revision: number;
  page?: PageInfo;
  events: RawEvent[];
}

/**
 * The franchise's stream as stored, read from the event store itself rather than a read model;
 * payloads in their current schema version. Paged by revision (the whole stream without a page).
 */
export class GetFranchiseEventsQuery extends Query<FranchiseEventsAnswer> {
  constructor(
    readonly franchiseId: string,
    readonly page?: PageRequest,
  ) {
    super();
  }
}
