/**
 * ServerFeatures/GetSupportedMethods, which the client asks once before its first append. Like the
 * server, it lists each implemented client-facing method with lower-case service and method names;
 * the client picks Streams/BatchAppend for appends only when it is listed (and no per-call
 * credentials are given), otherwise Streams/Append.
 */
import type { handleUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';

/** The server version reported; the emulated behaviour follows EventStoreDB 23.10+ (e.g. `caught_up`). */
export const EMULATED_SERVER_VERSION = '24.10.0';

const STREAMS = 'event_store.client.streams.streams';

export function getSupportedMethods(options: { batchAppend: boolean }): handleUnaryCall<Empty, SupportedMethods> {
  const method = (service: string, name: string, features: string[] = []): SupportedMethod =>
    new SupportedMethod().setServiceName(service).setMethodName(name).setFeaturesList(features);
  const methods = [
    method(STREAMS, 'read', ['position', 'events']),
    method(STREAMS, 'append'),
    method(STREAMS, 'delete'),
    method(STREAMS, 'tombstone'),
    ...(options.batchAppend ? [method(STREAMS, 'batchappend', ['deadline_duration'])] : []),
    method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
    method('event_store.client.gossip.gossip', 'read'),
  ];
  const answer = new SupportedMethods().setEventStoreServerVersion(EMULATED_SERVER_VERSION).setMethodsList(methods);
  return (_call, callback) => callback(null, answer);
}
