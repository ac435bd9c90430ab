import { EventRecorded } from '@app/projections';
import { Logger } from '@nestjs/common';
import { EventsHandler, IEventHandler } from '@nestjs/cqrs';

/** Traces each newly recorded event at debug level (`LOG_LEVEL=debug`). */
@EventsHandler(EventRecorded)
export class EventLogHandler implements IEventHandler<EventRecorded> {
  private readonly logger = new Logger('Events');

  handle({ event, at }: EventRecorded): void {
    const source = event.meta.sourceId ? ` citing ${event.meta.sourceId}` : '';
    this.logger.debug(
      `${event.type} ${event.eventId} at ${at.streamId}@${at.revision}${source} by ${event.meta.recordedBy}`,
    );
  }
}
