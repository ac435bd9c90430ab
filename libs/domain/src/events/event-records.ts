import { EventMeta, TimelineEvent } from './timeline-events';

/** How an event is laid out in any event store: payload as data, provenance as metadata. */
export interface EventRecord {
  id: string;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

/** Tracing ids carried in metadata, named as EventStoreDB's tools expect them. */
export interface Correlation {
  correlationId?: string;
  causationId?: string;
}

/** Stream categories, in EventStoreDB's `category-id` naming: one stream per franchise and per source. */
export const STREAM_CATEGORIES = ['franchise', 'source'];

export function franchiseStream(franchiseId: string): string {
  return `franchise-${franchiseId}`;
}

export function sourceStream(sourceId: string): string {
  return `source-${sourceId}`;
}

export function toRecord(event: TimelineEvent, correlation: Correlation = {}): EventRecord {
  const metadata: Record<string, unknown> = { ...event.meta };
  if (correlation.correlationId) metadata.$correlationId = correlation.correlationId;
  if (correlation.causationId) metadata.$causationId = correlation.causationId;
  return { id: event.eventId, type: event.type, data: { ...event.data }, metadata };
}

/**
 * Reads a stored record back as a domain event. Version 1 is the only payload shape so far;
 * a later shape gets its upcaster here, so that the rest of the code sees one version.
 */
export function fromRecord(record: EventRecord): TimelineEvent {
  const { recordedAt, recordedBy, schemaVersion, sourceId } = record.metadata as Partial<EventMeta>;
  const meta: EventMeta = {
    recordedAt: String(recordedAt),
    recordedBy: String(recordedBy),
    schemaVersion: Number(schemaVersion ?? 1),
    ...(sourceId === undefined ? {} : { sourceId: String(sourceId) }),
  };
  return { type: record.type, eventId: record.id, data: record.data, meta } as unknown as TimelineEvent;
}
