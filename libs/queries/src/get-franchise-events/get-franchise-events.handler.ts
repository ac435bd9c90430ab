import { EventRecord, FranchiseNotFoundError, fromRecord, franchiseStream } from '@app/domain';
import { EVENT_STORE, EventStore, StoredEvent } from '@app/event-store';
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Page } from '../paging/page';
import { FranchiseEventsAnswer, GetFranchiseEventsQuery } from './get-franchise-events.query';

@QueryHandler(GetFranchiseEventsQuery)
export class GetFranchiseEventsHandler implements IQueryHandler<GetFranchiseEventsQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ franchiseId, page: request }: GetFranchiseEventsQuery): Promise<FranchiseEventsAnswer> {
    const page = new Page<[number]>(request, ['events', franchiseId], 1);
    const read = await this.readAfter(franchiseId, page);
    // A stream has no revision before 0: only a first page can find nothing.
    if (read.length === 0 && page.after === undefined) throw new FranchiseNotFoundError(franchiseId);
    const { items: stored, page: info } = page.answer(read, (s) => [s.revision]);
    return {
      franchiseId,
      revision: stored[stored.length - 1]?.revision ?? page.after![0],
      ...(info ? { page: info } : {}),
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

  /** The events after the cursor's revision, one more than the page holds; the store stops there. */
  private async readAfter(franchiseId: string, page: Page<[number]>): Promise<StoredEvent[]> {
    const fromRevision = page.after ? page.after[0] + 1 : 0;
    const read: StoredEvent[] = [];
    for await (const event of this.store.readStream(franchiseStream(franchiseId), { fromRevision })) {
      read.push(event);
      if (read.length > page.limit) break;
    }
    return read;
  }
}

function tracing(metadata: Record<string, unknown>): { correlationId?: string; causationId?: string } {
  const { $correlationId, $causationId } = metadata;
  return {
    ...(typeof $correlationId === 'string' ? { correlationId: $correlationId } : {}),
    ...(typeof $causationId === 'string' ? { causationId: $causationId } : {}),
  };
}
