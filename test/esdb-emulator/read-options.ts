/**
 * What a Streams/Read request asks for. The same RPC serves readStream, readAll (a `count`) and
 * subscribeToStream / subscribeToAll (`subscription`). Combinations the server refuses (a filter on a
 * stream read, a backwards subscription, a filtered stream subscription) are refused here too.
 */
import { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import { EventFilter, eventFilter } from './filter';
import type { Position } from './log';
import { streamNameOf } from './wire';

export type StreamStart = 'start' | 'end' | bigint;
export type AllStart = 'start' | 'end' | Position;

export type ReadPlan =
  | { readonly source: 'stream'; readonly streamId: string; readonly from: StreamStart }
  | { readonly source: 'all'; readonly from: AllStart; readonly filter?: EventFilter };

export interface ReadRequest {
  readonly plan: ReadPlan;
  readonly backwards: boolean;
  /** Events to read, or undefined for a subscription. */
  readonly count?: bigint;
}

/** Parses the request, or answers why it is invalid. */
export function readRequest(options: ReadReq.Options | undefined): ReadRequest | string {
  if (!options) return 'Read options are required.';
  if (!options.hasUuidOption()) return '`uuidOption` is a required argument.';
  const { StreamOptionCase, CountOptionCase, FilterOptionCase, ReadDirection } = ReadReq.Options;
  const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
  const subscription = options.getCountOptionCase() === CountOptionCase.SUBSCRIPTION;
  if (!subscription && options.getCountOptionCase() !== CountOptionCase.COUNT)
    return 'Count or subscription is required.';
  if (subscription && backwards) return 'A subscription reads forwards only.';
  const count = subscription ? undefined : BigInt(options.getCount() || '0');
  const filtered = options.getFilterOptionCase() === FilterOptionCase.FILTER;

  if (options.getStreamOptionCase() === StreamOptionCase.STREAM) {
    if (filtered) return 'A stream read takes no filter.';
    const stream = options.getStream();
    const streamId = streamNameOf(stream?.getStreamIdentifier());
    if (!stream || !streamId) return 'A stream read needs a stream identifier.';
    const { RevisionOptionCase } = ReadReq.Options.StreamOptions;
    const revisionCase = stream.getRevisionOptionCase();
    const from: StreamStart =
      revisionCase === RevisionOptionCase.REVISION
        ? BigInt(stream.getRevision())
        : revisionCase === RevisionOptionCase.END
          ? 'end'
          : 'start';
    return { plan: { source: 'stream', streamId, from }, backwards, count };
  }

  if (options.getStreamOptionCase() === StreamOptionCase.ALL) {
    const all = options.getAll();
    const { AllOptionCase } = ReadReq.Options.AllOptions;
    const position = all?.getPosition();
    const from: AllStart =
      all?.getAllOptionCase() === AllOptionCase.POSITION && position
        ? { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) }
        : all?.getAllOptionCase() === AllOptionCase.END
          ? 'end'
          : 'start';
    const filterOptions = options.getFilter();
    if (!filtered || !filterOptions) return { plan: { source: 'all', from }, backwards, count };
    if (subscription && filterOptions.getCheckpointintervalmultiplier() <= 0) {
      return 'The checkpoint interval multiplier must be greater than 0.';
    }
    const filter = eventFilter(filterOptions);
    return typeof filter === 'string' ? filter : { plan: { source: 'all', from, filter }, backwards, count };
  }

  return 'Read options must select a stream or $all.';
}
