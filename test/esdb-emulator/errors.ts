/**
 * Error answers as EventStoreDB sends them. The client maps an RPC failure by the `exception`
 * trailer first (plus the properties it reads from other trailers), then by status code.
 * BatchAppend answers per request with a google.rpc.Status whose details pack a typed message.
 */
import { Metadata, status as GrpcStatus, type ServerErrorResponse } from '@grpc/grpc-js';
import { Code } from '@eventstore/db-client/generated/code_pb';
import {
  BadRequest,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { ExpectedRevision, expectedVersionNumber } from './commit';
import { streamIdentifier } from './wire';

function rpcError(code: GrpcStatus, details: string, trailers: Record<string, string> = {}): ServerErrorResponse {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
}

export const streamDeletedError = (streamId: string): ServerErrorResponse =>
  rpcError(GrpcStatus.FAILED_PRECONDITION, `Event stream '${streamId}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamId,
  });

/** Delete/Tombstone report a wrong expected version as an RPC error (Append answers it in its response). */
export const wrongExpectedVersionError = (
  operation: string,
  streamId: string,
  expected: ExpectedRevision,
  actual: bigint,
): ServerErrorResponse => {
  const expectedNumber = expectedVersionNumber(expected).toString();
  return rpcError(
    GrpcStatus.FAILED_PRECONDITION,
    `${operation} failed due to WrongExpectedVersion. Stream: ${streamId}, Expected version: ${expectedNumber}, Actual version: ${actual}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': streamId,
      'expected-version': expectedNumber,
      'actual-version': actual.toString(),
    },
  );
};

export const maximumAppendSizeExceededError = (maxAppendSize: number): ServerErrorResponse =>
  rpcError(GrpcStatus.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

export const requiredMetadataMissingError = (property: string): ServerErrorResponse =>
  rpcError(GrpcStatus.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });

export const invalidArgumentError = (details: string): ServerErrorResponse =>
  rpcError(GrpcStatus.INVALID_ARGUMENT, details);

export const shuttingDownError = (): ServerErrorResponse =>
  rpcError(GrpcStatus.UNAVAILABLE, 'Server is shutting down (EventStoreDB emulator stopped)');

function status(code: Code, message: string, details: { serializeBinary(): Uint8Array }, typeName: string): Status {
  const any = new Any();
  any.pack(details.serializeBinary(), typeName);
  return new Status().setCode(code).setMessage(message).setDetails(any);
}

export function wrongExpectedVersionStatus(expected: ExpectedRevision, current: bigint): Status {
  const details = new WrongExpectedVersion();
  if (current < 0n) details.setCurrentNoStream(new ProtobufEmpty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected === 'any') details.setExpectedAny(new ProtobufEmpty());
  else if (expected === 'no_stream') details.setExpectedNoStream(new ProtobufEmpty());
  else if (expected === 'stream_exists') details.setExpectedStreamExists(new ProtobufEmpty());
  else details.setExpectedStreamPosition(expected.toString());
  return status(Code.ALREADY_EXISTS, 'WrongExpectedVersion', details, 'event_store.client.WrongExpectedVersion');
}

export const streamDeletedStatus = (streamId: string): Status =>
  status(
    Code.NOT_FOUND,
    'StreamDeleted',
    new StreamDeleted().setStreamIdentifier(streamIdentifier(streamId)),
    'event_store.client.StreamDeleted',
  );

export const maximumAppendSizeExceededStatus = (maxAppendSize: number): Status =>
  status(
    Code.INVALID_ARGUMENT,
    'MaximumAppendSizeExceeded',
    new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize),
    'event_store.client.MaximumAppendSizeExceeded',
  );

export const badRequestStatus = (message: string): Status =>
  status(Code.INVALID_ARGUMENT, 'BadRequest', new BadRequest().setMessage(message), 'event_store.client.BadRequest');
