/**
 * Conversions between the generated protobuf messages and the emulator's records. int64 fields are
 * decimal strings in this generated code (jstype = JS_STRING).
 */
import { AllStreamPosition, Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { ExpectedRevision } from './commit';
import type { RecordedEvent } from './log';

export const JSON_CONTENT_TYPE = 'application/json';
export const BINARY_CONTENT_TYPE = 'application/octet-stream';

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';

export const streamIdentifier = (streamId: string): StreamIdentifier =>
  new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(streamId, 'utf8')));

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Canonical lower-case text of a UUID sent as text or as two signed 64-bit halves; undefined if invalid. */
export function uuidText(uuid: UUID | undefined): string | undefined {
  if (!uuid) return undefined;
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured();
    if (!structured) return undefined;
    const hex =
      BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())).toString(16).padStart(16, '0') +
      BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())).toString(16).padStart(16, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  const text = uuid.getString().toLowerCase();
  return UUID_TEXT.test(text) ? text : undefined;
}

export function uuidMessage(text: string, structured: boolean): UUID {
  if (!structured) return new UUID().setString(text);
  const hex = text.replace(/-/g, '');
  const half = (h: string): string => BigInt.asIntN(64, BigInt(`0x${h}`)).toString();
  return new UUID().setStructured(
    new UUID.Structured().setMostSignificantBits(half(hex.slice(0, 16))).setLeastSignificantBits(half(hex.slice(16))),
  );
}

/**
 * The expected revision of Append, BatchAppend, Delete and Tombstone options: their oneofs share
 * field numbers (revision 2, no_stream 3, any 4, stream_exists 5). Undefined when none is set.
 */
export function expectedRevisionOf(oneofCase: number, revision: () => string): ExpectedRevision | undefined {
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (oneofCase) {
    case Case.REVISION:
      return BigInt(revision());
    case Case.NO_STREAM:
      return 'no_stream';
    case Case.ANY:
      return 'any';
    case Case.STREAM_EXISTS:
      return 'stream_exists';
    default:
      return undefined;
  }
}

export const allStreamPosition = (position: bigint): AllStreamPosition =>
  new AllStreamPosition().setCommitPosition(position.toString()).setPreparePosition(position.toString());

/** An event as the server reads it out: metadata `type`, `created` (ticks since the Unix epoch) and `content-type`. */
function recordedEventMessage(e: RecordedEvent, structuredIds: boolean): ReadResp.ReadEvent.RecordedEvent {
  const message = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(e.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(e.streamId))
    .setStreamRevision(e.revision.toString())
    .setPreparePosition(e.position.toString())
    .setCommitPosition(e.position.toString())
    .setData(e.data)
    .setCustomMetadata(e.metadata);
  message
    .getMetadataMap()
    .set('type', e.type)
    .set('created', e.created.toString())
    .set('content-type', e.isJson ? JSON_CONTENT_TYPE : BINARY_CONTENT_TYPE);
  return message;
}

/** A `ReadResp` carrying one event; the server sets the commit position for every self-committed event. */
export function eventResponse(e: RecordedEvent, options: ReadReq.Options): ReadResp {
  const structured = options.getUuidOption()?.hasStructured() ?? false;
  return new ReadResp().setEvent(
    new ReadResp.ReadEvent().setEvent(recordedEventMessage(e, structured)).setCommitPosition(e.position.toString()),
  );
}

export const checkpointResponse = (position: bigint): ReadResp =>
  new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint().setCommitPosition(position.toString()).setPreparePosition(position.toString()),
  );

export const caughtUpResponse = (): ReadResp => new ReadResp().setCaughtUp(new ReadResp.CaughtUp());

export const confirmationResponse = (subscriptionId: string): ReadResp =>
  new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(subscriptionId));

export const streamNotFoundResponse = (streamId: string): ReadResp =>
  new ReadResp().setStreamNotFound(new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamId)));

export const empty = (): Empty => new Empty();
