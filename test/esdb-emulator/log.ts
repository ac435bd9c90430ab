/**
 * In-memory storage of the emulator: the transaction log ($all), per-stream indexes, the event-id
 * cache used for idempotent appends, and a commit notification for subscriptions.
 *
 * Positions imitate EventStoreDB's byte offsets in its transaction file: every record gets
 * commit = prepare = its log position (events written by gRPC appends are "self-committed"), the
 * next record starts where the previous one ends, so positions grow monotonically but are NOT
 * contiguous integers. The first record sits past a fake chunk header, never at 0.
 */
import { streamMetadataOf, isMetastream, metastreamOf, StreamMetadata, DELETED_STREAM } from './stream-metadata';

/** A position in $all; for events commit === prepare. Compared as (commit, prepare) tuples. */
export interface Position {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** An event as the client proposes it. */
export interface ProposedEvent {
  readonly id: string; // canonical lower-case UUID text
  readonly type: string;
  readonly isJson: boolean; // EventStoreDB keeps a flag, not the content-type string
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface RecordedEvent extends ProposedEvent {
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  /** 100 ns ticks since the Unix epoch, as the server's `created` metadata value. */
  readonly created: bigint;
}

interface StreamState {
  readonly events: RecordedEvent[]; // events[i].revision === BigInt(i)
  tombstone?: RecordedEvent;
}

/** Revision of the `$streamDeleted` tombstone record (EventNumber.DeletedStream = long.MaxValue). */
export const TOMBSTONE_REVISION = DELETED_STREAM;
export const NO_REVISION = -1n;

// The real log starts with a chunk header and an epoch record before the first event.
const FIRST_RECORD_POSITION = 128n + 160n;
// Rough size of a prepare record's fixed fields (header, ids, flags, timestamps, lengths).
const RECORD_OVERHEAD = 90;

export const comparePositions = (a: Position, b: Position): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;

export const eventPosition = (e: RecordedEvent): Position => ({ commit: e.position, prepare: e.position });

export class EventLog {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly committedIds = new Map<string, { streamId: string; revision: bigint }>();
  private readonly waiters = new Set<() => void>();
  private nextPosition = FIRST_RECORD_POSITION;

  /** Every record of $all in log order (read-only view). */
  get records(): readonly RecordedEvent[] {
    return this.all;
  }

  /** Index in `records` of the first event whose position is >= `from` (or > when exclusive). */
  indexFrom(from: Position, exclusive: boolean): number {
    let lo = 0;
    let hi = this.all.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const cmp = comparePositions(eventPosition(this.all[mid]), from);
      if (cmp < 0 || (exclusive && cmp === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Last revision written to the stream (deleted or truncated events included), -1 when none. */
  lastRevision(streamId: string): bigint {
    const events = this.streams.get(streamId)?.events;
    return events && events.length > 0 ? BigInt(events.length - 1) : NO_REVISION;
  }

  isTombstoned(streamId: string): boolean {
    return this.streams.get(streamId)?.tombstone !== undefined;
  }

  tombstoneOf(streamId: string): RecordedEvent | undefined {
    return this.streams.get(streamId)?.tombstone;
  }

  eventAt(streamId: string, revision: bigint): RecordedEvent | undefined {
    const events = this.streams.get(streamId)?.events;
    return events && revision >= 0n && revision < BigInt(events.length) ? events[Number(revision)] : undefined;
  }

  /** Every event written to the stream, in revision order (visibility rules are applied by readers). */
  streamEvents(streamId: string): readonly RecordedEvent[] {
    return this.streams.get(streamId)?.events ?? [];
  }

  /** Where an event id was last committed (the emulator never evicts; the server's cache may). */
  committedEvent(eventId: string): { streamId: string; revision: bigint } | undefined {
    return this.committedIds.get(eventId);
  }

  /** The stream's metadata: the latest `$metadata` event of `$$stream`; metastreams keep only their last event. */
  metadataOf(streamId: string): StreamMetadata {
    if (isMetastream(streamId)) return { maxCount: 1n };
    const events = this.streams.get(metastreamOf(streamId))?.events;
    return streamMetadataOf(events?.at(-1));
  }

  /** Appends events unconditionally (expected-revision checks live in commit.ts). */
  write(streamId: string, events: readonly ProposedEvent[]): RecordedEvent[] {
    const stream = this.streamState(streamId);
    const recorded = events.map((e) => {
      const event = this.record(streamId, BigInt(stream.events.length), e);
      stream.events.push(event);
      this.committedIds.set(event.id, { streamId, revision: event.revision });
      return event;
    });
    this.notify();
    return recorded;
  }

  /** Writes the `$streamDeleted` tombstone: the stream can never be written or read again. */
  writeTombstone(streamId: string, id: string): RecordedEvent {
    const stream = this.streamState(streamId);
    const empty = new Uint8Array(0);
    const tombstone = this.record(streamId, TOMBSTONE_REVISION, {
      id,
      type: '$streamDeleted',
      isJson: false,
      data: empty,
      metadata: empty,
    });
    stream.tombstone = tombstone;
    this.notify();
    return tombstone;
  }

  /** Resolves on the next commit, or when the signal aborts. */
  waitForCommit(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = (): void => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done);
    });
  }

  private record(streamId: string, revision: bigint, e: ProposedEvent): RecordedEvent {
    const event: RecordedEvent = {
      ...e,
      streamId,
      revision,
      position: this.nextPosition,
      created: BigInt(Date.now()) * 10_000n,
    };
    this.nextPosition += BigInt(
      RECORD_OVERHEAD + Buffer.byteLength(streamId) + 2 * e.type.length + e.data.length + e.metadata.length,
    );
    this.all.push(event);
    return event;
  }

  private streamState(streamId: string): StreamState {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { events: [] };
      this.streams.set(streamId, stream);
    }
    return stream;
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
