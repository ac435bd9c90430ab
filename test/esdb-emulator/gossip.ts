/**
 * Gossip/Read, so that `esdb+discover://` and multi-host connection strings also work: the
 * emulator describes itself as the one alive leader of a single-node cluster. No clustering is
 * emulated (no followers, elections, not-leader redirects or read-only replicas).
 */
import { randomUUID } from 'node:crypto';
import type { handleUnaryCall } from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { ClusterInfo, EndPoint, MemberInfo } from '@eventstore/db-client/generated/gossip_pb';
import { uuidMessage } from './wire';

export function readGossip(advertised: () => { host: string; port: number }): handleUnaryCall<Empty, ClusterInfo> {
  const instanceId = randomUUID();
  return (_call, callback) => {
    const { host, port } = advertised();
    const self = new MemberInfo()
      .setInstanceId(uuidMessage(instanceId, false))
      .setTimeStamp((BigInt(Date.now()) * 10_000n).toString())
      .setState(MemberInfo.VNodeState.LEADER)
      .setIsAlive(true)
      .setHttpEndPoint(new EndPoint().setAddress(host).setPort(port));
    callback(null, new ClusterInfo().setMembersList([self]));
  };
}
