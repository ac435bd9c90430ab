import { TimelineEvent } from '@app/domain';
import { AppliedAt } from './projection';

/** Published on the CQRS event bus once every read model has applied a newly recorded event. */
export class EventRecorded {
  constructor(
    readonly event: TimelineEvent,
    readonly at: AppliedAt,
  ) {}
}
