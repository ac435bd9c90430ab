/**
 * Streams/Append (client streaming: one Options message, then one ProposedMessage per event) and
 * Streams/BatchAppend (bidirectional: requests tagged by correlation id, the first carrying the
 * options, the last `is_final`; one response per correlation id).
 *
 * As on the server: a wrong expected version is a normal Append response (the client throws
 * WrongExpectedVersionError from it); "stream deleted" is an RPC error on Append and an error
 * status on BatchAppend; each event needs `type` and `content-type` metadata; the events of one
 * append may total at most `maxAppendSize` bytes (data + metadata + 2 × type length; default 1 MiB).
 * BatchAppend deadlines are not enforced.
 */
import type { handleBidiStreamingCall, handleClientStreamingCall, ServerErrorResponse } from '@grpc/grpc-js';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { Status } from '@eventstore/db-client/generated/status_pb';
import type { ActiveCalls } from './calls';
import { appendEvents, ExpectedRevision, WriteOutcome } from './commit';
import {
  badRequestStatus,
  invalidArgumentError,
  maximumAppendSizeExceededError,
  maximumAppendSizeExceededStatus,
  requiredMetadataMissingError,
  streamDeletedError,
  streamDeletedStatus,
  wrongExpectedVersionStatus,
} from './errors';
import type { EventLog, ProposedEvent } from './log';
import {
  allStreamPosition,
  expectedRevisionOf,
  JSON_CONTENT_TYPE,
  streamIdentifier,
  streamNameOf,
  uuidText,
} from './wire';

export interface AppendContext {
  readonly log: EventLog;
  readonly calls: ActiveCalls;
  readonly maxAppendSize: number;
}

type ProposedMessage = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

/** The event, or the error answering an invalid proposed message. */
function proposedEvent(message: ProposedMessage): ProposedEvent | ServerErrorResponse {
  const id = uuidText(message.getId());
  if (!id) return invalidArgumentError('Every proposed message needs a valid event id (UUID).');
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  if (type === undefined) return requiredMetadataMissingError('type');
  const contentType = metadata.get('content-type');
  if (contentType === undefined) return requiredMetadataMissingError('content-type');
  return {
    id,
    type,
    isJson: contentType === JSON_CONTENT_TYPE,
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

const sizeOnDisk = (e: ProposedEvent): number => e.data.length + e.metadata.length + 2 * e.type.length;

function appendResponse(outcome: Exclude<WriteOutcome, { kind: 'stream-deleted' }>, expected: ExpectedRevision) {
  const response = new AppendResp();
  if (outcome.kind === 'wrong-expected-version') {
    const wrong = new AppendResp.WrongExpectedVersion();
    if (outcome.currentRevision < 0n) wrong.setCurrentNoStream(new Empty());
    else wrong.setCurrentRevision(outcome.currentRevision.toString());
    if (expected === 'any') wrong.setExpectedAny(new Empty());
    else if (expected === 'no_stream') wrong.setExpectedNoStream(new Empty());
    else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
    else wrong.setExpectedRevision(expected.toString());
    return response.setWrongExpectedVersion(wrong);
  }
  const success = new AppendResp.Success();
  if (outcome.currentRevision < 0n) success.setNoStream(new Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === undefined) success.setNoPosition(new Empty());
  else {
    const p = outcome.position.toString();
    success.setPosition(new AppendResp.Position().setCommitPosition(p).setPreparePosition(p));
  }
  return response.setSuccess(success);
}

export function append(context: AppendContext): handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: AppendReq.Options | undefined;
    let failure: ServerErrorResponse | undefined;
    const events: ProposedEvent[] = [];
    let size = 0;

    call.on('data', (request: AppendReq) => {
      if (failure) return;
      if (!options) {
        options = request.getOptions();
        if (!options) failure = invalidArgumentError('The first Append message must carry the options.');
        return;
      }
      const message = request.getProposedMessage();
      const event = message ? proposedEvent(message) : invalidArgumentError('Expected a proposed message.');
      if (event instanceof Error) {
        failure = event;
        return;
      }
      size += sizeOnDisk(event);
      if (size > context.maxAppendSize) failure = maximumAppendSizeExceededError(context.maxAppendSize);
      else events.push(event);
    });

    call.on('end', () => {
      if (failure) return callback(failure);
      const streamId = streamNameOf(options?.getStreamIdentifier());
      const expected =
        options && expectedRevisionOf(options.getExpectedStreamRevisionCase(), () => options!.getRevision());
      if (!streamId || expected === undefined) {
        return callback(invalidArgumentError('Append options need a stream name and an expected revision.'));
      }
      const outcome = appendEvents(context.log, streamId, expected, events);
      if (outcome.kind === 'stream-deleted') return callback(streamDeletedError(streamId));
      callback(null, appendResponse(outcome, expected));
    });
  };
}

interface PendingBatch {
  readonly streamId: string;
  readonly expected: ExpectedRevision;
  readonly events: ProposedEvent[];
  size: number;
}

export function batchAppend(context: AppendContext): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    const scope = context.calls.track(call);
    const pending = new Map<string, PendingBatch>();

    call.on('data', (request: BatchAppendReq) => {
      if (scope.signal.aborted) return;
      const correlationId = request.getCorrelationId();
      const key = uuidText(correlationId) ?? '';
      let streamId = pending.get(key)?.streamId ?? '';
      const respond = (answer: (response: BatchAppendResp) => BatchAppendResp): void => {
        const response = new BatchAppendResp().setCorrelationId(correlationId);
        if (streamId) response.setStreamIdentifier(streamIdentifier(streamId));
        call.write(answer(response));
      };
      const fail = (status: Status): void => {
        pending.delete(key);
        respond((r) => r.setError(status));
      };

      const options = request.getOptions();
      if (options) {
        streamId = streamNameOf(options.getStreamIdentifier());
        const expected = expectedRevisionOf(options.getExpectedStreamPositionCase(), () => options.getStreamPosition());
        if (!streamId) return fail(badRequestStatus('Required field StreamIdentifier not set.'));
        if (expected === undefined) return fail(badRequestStatus('Required expected stream position not set.'));
        pending.set(key, { streamId, expected, events: [], size: 0 });
      }
      const batch = pending.get(key);
      if (!batch) return; // unknown correlation id, or already failed: ignored, as by the server

      for (const message of request.getProposedMessagesList()) {
        const event = proposedEvent(message);
        if (event instanceof Error) return fail(badRequestStatus(event.details ?? event.message));
        batch.size += sizeOnDisk(event);
        if (batch.size > context.maxAppendSize) return fail(maximumAppendSizeExceededStatus(context.maxAppendSize));
        batch.events.push(event);
      }
      if (!request.getIsFinal()) return;

      pending.delete(key);
      const outcome = appendEvents(context.log, batch.streamId, batch.expected, batch.events);
      if (outcome.kind === 'stream-deleted') return fail(streamDeletedStatus(batch.streamId));
      if (outcome.kind === 'wrong-expected-version') {
        return fail(wrongExpectedVersionStatus(batch.expected, outcome.currentRevision));
      }
      const success = new BatchAppendResp.Success();
      if (outcome.currentRevision < 0n) success.setNoStream(new ProtobufEmpty());
      else success.setCurrentRevision(outcome.currentRevision.toString());
      if (outcome.position === undefined) success.setNoPosition(new ProtobufEmpty());
      else success.setPosition(allStreamPosition(outcome.position));
      respond((r) => r.setSuccess(success));
    });

    call.on('end', () => {
      if (!scope.signal.aborted) call.end();
      scope.release();
    });
  };
}
