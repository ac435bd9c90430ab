/**
 * Streams/Delete (soft delete) and Streams/Tombstone (hard delete), unary calls answering the
 * position of the record they wrote. Failures are RPC errors: FAILED_PRECONDITION with
 * `exception: wrong-expected-version` (+ `expected-version`, `actual-version` as the server's int64
 * numbers: any = -2, no_stream = -1, stream_exists = -4, missing stream = -1) or
 * `exception: stream-deleted`. See commit.ts for what each delete writes.
 */
import type { handleUnaryCall } from '@grpc/grpc-js';
import { DeleteReq, DeleteResp, TombstoneReq, TombstoneResp } from '@eventstore/db-client/generated/streams_pb';
import { DeleteOutcome, ExpectedRevision, softDeleteStream, tombstoneStream } from './commit';
import { invalidArgumentError, streamDeletedError, wrongExpectedVersionError } from './errors';
import type { EventLog } from './log';
import { expectedRevisionOf, streamNameOf } from './wire';

type DeleteOptions = DeleteReq.Options | TombstoneReq.Options;

function run(
  options: DeleteOptions | undefined,
  operation: 'Delete' | 'Tombstone',
  remove: (streamId: string, expected: ExpectedRevision) => DeleteOutcome,
): { error: ReturnType<typeof invalidArgumentError> } | { position: bigint } {
  const streamId = streamNameOf(options?.getStreamIdentifier());
  const expected = options && expectedRevisionOf(options.getExpectedStreamRevisionCase(), () => options.getRevision());
  if (!streamId || expected === undefined) {
    return { error: invalidArgumentError(`${operation} needs a stream name and an expected revision.`) };
  }
  const outcome = remove(streamId, expected);
  switch (outcome.kind) {
    case 'deleted':
      return { position: outcome.position };
    case 'stream-deleted':
      return { error: streamDeletedError(streamId) };
    case 'wrong-expected-version':
      return { error: wrongExpectedVersionError(operation, streamId, expected, outcome.currentRevision) };
  }
}

export function deleteStream(log: EventLog): handleUnaryCall<DeleteReq, DeleteResp> {
  return (call, callback) => {
    const result = run(call.request.getOptions(), 'Delete', (s, e) => softDeleteStream(log, s, e));
    if ('error' in result) return callback(result.error);
    const p = result.position.toString();
    callback(null, new DeleteResp().setPosition(new DeleteResp.Position().setCommitPosition(p).setPreparePosition(p)));
  };
}

export function tombstone(log: EventLog): handleUnaryCall<TombstoneReq, TombstoneResp> {
  return (call, callback) => {
    const result = run(call.request.getOptions(), 'Tombstone', (s, e) => tombstoneStream(log, s, e));
    if ('error' in result) return callback(result.error);
    const p = result.position.toString();
    callback(
      null,
      new TombstoneResp().setPosition(new TombstoneResp.Position().setCommitPosition(p).setPreparePosition(p)),
    );
  };
}
