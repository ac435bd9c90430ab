import { UnknownEventTypeError, UnknownSchemaVersionError } from '../errors/domain-errors';
import { EVENT_CATALOG, EventMeta, EventType, TimelineEvent } from './timeline-events';

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

/**
 * Stream categories, in EventStoreDB's `category-id` naming: one stream per franchise and per
 * source, the keyring, and one per event id a client chose.
 */
export const STREAM_CATEGORIES = ['franchise', 'source', 'keyring', 'eventid'];

/** Every API key, issued and revoked, in one stream: a handful of events, read by every authenticated request. */
export const KEYRING_STREAM = 'keyring-api';

export function franchiseStream(franchiseId: string): string {
  return `franchise-${franchiseId}`;
}

export function sourceStream(sourceId: string): string {
  return `source-${sourceId}`;
}

export function eventIdStream(eventId: string): string {
  return `eventid-${eventId}`;
}

export function toRecord(event: TimelineEvent, correlation: Correlation = {}): EventRecord {
  const metadata: Record<string, unknown> = { ...event.meta };
  if (correlation.correlationId) metadata.$correlationId = correlation.correlationId;
  if (correlation.causationId) metadata.$causationId = correlation.causationId;
  return { id: event.eventId, type: event.type, data: { ...event.data }, metadata };
}

/**
 * Reads a stored record back as a domain event, in its type's current schema version: every
 * read of a stored event, by the write side, the projections or the read models that keep
 * whole events, goes through here, so no other code knows older payload shapes.
 * A record without a version is version 1 (written before versions were recorded).
 */
export function fromRecord(record: EventRecord): TimelineEvent {
  const { recordedAt, recordedBy, schemaVersion, sourceId } = record.metadata as Partial<EventMeta>;
  const type = record.type as EventType;
  if (!(type in EVENT_CATALOG)) throw new UnknownEventTypeError(record.type, record.id);
  const meta: EventMeta = {
    recordedAt: String(recordedAt),
    recordedBy: String(recordedBy),
    schemaVersion: EVENT_CATALOG[type].schemaVersion,
    ...(sourceId === undefined ? {} : { sourceId: String(sourceId) }),
  };
  const data = upcast(type, record.data, Number(schemaVersion ?? 1));
  // The catalogue's types hold for a stored payload once it is in the current version.
  return { type, eventId: record.id, data, meta } as unknown as TimelineEvent;
}

/** The payload of a `type` event written at `version`, in the current version's shape. */
function upcast(type: EventType, data: Record<string, unknown>, version: number): Record<string, unknown> {
  const { schemaVersion, upcasters = {} } = EVENT_CATALOG[type];
  // A newer writer's payload (a rolling upgrade) cannot be read back safely: stop rather than misread it.
  if (!Number.isInteger(version) || version < 1 || version > schemaVersion) {
    throw new UnknownSchemaVersionError(type, version, schemaVersion);
  }
  let current = data;
  for (let v = version; v < schemaVersion; v++) current = upcasters[v](current);
  return current;
}
