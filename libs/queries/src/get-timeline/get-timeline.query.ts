import { Query } from '@nestjs/cqrs';
import { AtDate } from '../at-date';

export interface TimelineEntry {
  eventId: string;
  type: string;
  occurredOn: string;
  filmId?: string;
  summary: string;
  sourceId: string;
  recordedAt: string;
  recordedBy: string;
}

export interface TimelineAnswer {
  franchiseId: string;
  asOf: string | null;
  knownAt: string | null;
  entries: TimelineEntry[];
}

/** The franchise's claims in the order things happened; ties in recording order. */
export class GetTimelineQuery extends Query<TimelineAnswer> {
  constructor(
    readonly franchiseId: string,
    readonly at: AtDate,
  ) {
    super();
  }
}
