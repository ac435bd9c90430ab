import { EventRecord, FranchiseNotFoundError, fromRecord, franchiseStream } from '@app/domain';
import { EVENT_STORE, EventStore, collect } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { FranchiseEventsAnswer, GetFranchiseEventsQuery } from './get-franchise-events.query';

@QueryHandler(GetFranchiseEventsQuery)
export class GetFranchiseEventsHandler implements IQueryHandler<GetFranchiseEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ franchiseId }: GetFranchiseEventsQuery): Promise<FranchiseEventsAnswer> {
    const stored = await collect(this.store.readStream(franchiseStream(franchiseId)));
    if (stored.length === 0) throw new FranchiseNotFoundError(franchiseId);
    return {
      franchiseId,
      revision: stored[stored.length - 1].revision,
      events: stored.map((s) => {
        const event = fromRecord(s as EventRecord);
        return {
          eventId: s.id,
          type: s.type,
          revision: s.revision,
          position: s.position,
          data: event.data,
          ...(event.meta.sourceId ? { sourceId: event.meta.sourceId } : {}),
          recordedAt: event.meta.recordedAt,
          recordedBy: event.meta.recordedBy,
          schemaVersion: event.meta.schemaVersion,
          ...tracing(s.metadata),
        };
      }),
    };
  }
}

function tracing(metadata: Record<string, unknown>): { correlationId?: string; causationId?: string } {
  const { $correlationId, $causationId } = metadata;
  return {
    ...(typeof $correlationId === 'string' ? { correlationId: $correlationId } : {}),
    ...(typeof $causationId === 'string' ? { causationId: $causationId } : {}),
  };
}
