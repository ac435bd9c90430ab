import { TimelineEvent } from '@app/domain';
import { Query } from '@nestjs/cqrs';

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
  revision: number;
  events: RawEvent[];
}

/** The franchise's stream as stored, read from the event store itself rather than a read model; payloads in their current schema version. */
export class GetFranchiseEventsQuery extends Query<FranchiseEventsAnswer> {
  constructor(readonly franchiseId: string) {
    super();
  }
}
