/**
 * One-off reads (readStream, readAll), as the server answers them:
 * - stream forwards from a revision: that revision and later ones; backwards: that revision and
 *   earlier ones (from `end` = the last); visibility follows `$tb`, `$maxCount`, `$maxAge`;
 * - a stream that does not exist, or is soft-deleted: one `stream_not_found` message, then the end;
 *   a tombstoned stream: FAILED_PRECONDITION `stream-deleted`;
 * - $all forwards from a position: events at or after it (inclusive); backwards: events strictly
 *   before it (exclusive); soft-deleted streams' events and tombstones remain in $all;
 * - $all with a filter: only matching events, up to `count` (no checkpoints in reads).
 */
import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { send } from './calls';
import { streamDeletedError } from './errors';
import type { EventLog, RecordedEvent } from './log';
import type { ReadRequest, StreamStart } from './read-options';
import { isSoftDeleted, visibility } from './stream-metadata';
import { eventResponse, streamNotFoundResponse } from './wire';

export type StreamView =
  | { readonly state: 'deleted' }
  | { readonly state: 'not-found' }
  | {
      readonly state: 'found';
      readonly events: readonly RecordedEvent[];
      readonly last: bigint;
      readonly isVisible: (e: RecordedEvent) => boolean;
      readonly minRevision: bigint;
    };

/** The stream as a read sees it now. */
export function streamView(log: EventLog, streamId: string): StreamView {
  if (log.isTombstoned(streamId)) return { state: 'deleted' };
  const last = log.lastRevision(streamId);
  const metadata = log.metadataOf(streamId);
  if (last < 0n || isSoftDeleted(metadata)) return { state: 'not-found' };
  const { minRevision, notBeforeTicks } = visibility(metadata, last, BigInt(Date.now()) * 10_000n);
  return {
    state: 'found',
    events: log.streamEvents(streamId),
    last,
    minRevision,
    isVisible: (e) => e.revision >= minRevision && (notBeforeTicks === undefined || e.created >= notBeforeTicks),
  };
}

/** Streams the answer of a one-off read to the call, then ends it. */
export async function read(
  call: ServerWritableStream<ReadReq, ReadResp>,
  options: ReadReq.Options,
  request: ReadRequest,
  log: EventLog,
  signal: AbortSignal,
): Promise<void> {
  const { plan, backwards } = request;
  let remaining = request.count ?? 0n;
  const emit = async (e: RecordedEvent): Promise<void> => {
    remaining--;
    await send(call, eventResponse(e, options), signal);
  };

  if (plan.source === 'stream') {
    const view = streamView(log, plan.streamId);
    if (view.state === 'deleted') {
      call.emit('error', streamDeletedError(plan.streamId));
      return;
    }
    if (view.state === 'not-found') {
      await send(call, streamNotFoundResponse(plan.streamId), signal);
    } else {
      for (const revision of revisions(plan.from, view.last, view.minRevision, backwards)) {
        if (remaining <= 0n || signal.aborted) break;
        const e = view.events[Number(revision)];
        if (view.isVisible(e)) await emit(e);
      }
    }
  } else {
    const records = log.records;
    const { from, filter } = plan;
    let i: number;
    if (backwards) i = from === 'end' ? records.length - 1 : from === 'start' ? -1 : log.indexFrom(from, false) - 1;
    else i = from === 'start' ? 0 : from === 'end' ? records.length : log.indexFrom(from, false);
    for (; i >= 0 && i < records.length && remaining > 0n && !signal.aborted; i += backwards ? -1 : 1) {
      const e = records[i];
      if (!filter || filter.matches(e)) await emit(e);
    }
  }
  if (!signal.aborted) call.end();
}

/** Revisions to visit, in read order; forwards from `end` reads nothing. */
function* revisions(from: StreamStart, last: bigint, min: bigint, backwards: boolean): Generator<bigint> {
  if (backwards) {
    const start = from === 'end' ? last : from === 'start' ? 0n : from < last ? from : last;
    for (let r = start; r >= min; r--) yield r;
  } else {
    const start = from === 'end' ? last + 1n : from === 'start' ? 0n : from;
    for (let r = start > min ? start : min; r <= last; r++) yield r;
  }
}
