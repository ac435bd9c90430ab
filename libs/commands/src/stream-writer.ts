import {
  Clock,
  Decision,
  EventRecord,
  Fold,
  IdentityConflictError,
  TimelineEvent,
  fromRecord,
  toRecord,
} from '@app/domain';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  EventStore,
  GlobalPosition,
  StoredEvent,
  WrongExpectedRevisionError,
  collect,
} from '@app/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { CommandContext } from './command-context';
import { ConcurrentWriteError, StaleRevisionError } from './command-errors';
import { RecordingResult } from './recording-result';
import { CLOCK } from './tokens';

const MAX_ATTEMPTS = 5;

/**
 * How many events the folded states kept in memory may stand for, across streams: the least
 * recently written streams are let go beyond it (a stream longer than this alone is still kept
 * while it is written). About 1 KB an event in a franchise's state.
 */
export const MAX_CACHED_EVENTS = 50_000;

/** Who records the events a command decides, and when: the same on every attempt. */
export interface Stamp {
  recordedAt: string;
  recordedBy: string;
}

/** A stream folded up to `revision`, and where each of its events sits (to answer a retry). */
export interface FoldedStream<S> {
  state: S;
  revision: number | null;
  placed: Map<string, { revision: number; position: GlobalPosition }>;
}

interface CacheEntry<S> extends FoldedStream<S> {
  fold: Fold<S, never>;
  /** The id of the event at `revision`: read again first, to tell that the stream is still the one folded. */
  lastId?: string;
  /** The events it counted for, against the bound, when last kept. */
  counted: number;
}

/**
 * The write cycle every command shares: fold the stream, decide, append at the revision folded.
 * A concurrent write makes the append fail rather than overwrite; the command is then decided
 * again on the new stream, unless the client pinned a revision with `If-Match`.
 *
 * The folded state of each stream is kept and fed only the events appended since (read from the
 * store by revision, so writes by other processes and instances are seen), which keeps a write's
 * cost flat as its stream grows. Each read starts at the last event folded: if another is there (a
 * store restored, a stream recreated), the stream is folded again from the start.
 */
@Injectable()
export class StreamWriter {
  private readonly folded = new Map<string, CacheEntry<unknown>>();
  private cachedEvents = 0;
  /** Each stream's last write in progress in this process, settled either way: the next one waits for it. */
  private readonly writing = new Map<string, Promise<void>>();
  private latest?: GlobalPosition;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The stream folded up to its last event. Concurrent calls are safe: new events are applied once, in order. */
  async current<S, E extends TimelineEvent>(streamId: string, fold: Fold<S, E>): Promise<FoldedStream<S>> {
    const kept = this.folded.get(streamId) as CacheEntry<S> | undefined;
    if (kept?.fold === fold && kept.revision !== null) {
      const expected = kept.lastId;
      const tail = await collect(this.store.readStream(streamId, { fromRevision: kept.revision }));
      if (tail.length > 0 && tail[0].id === expected) {
        this.apply(kept, fold, tail);
        this.keep(streamId, kept);
        return kept;
      }
      this.forget(streamId);
    }
    const entry: CacheEntry<S> = { fold, state: fold.initial(), revision: null, placed: new Map(), counted: 0 };
    this.apply(entry, fold, await collect(this.store.readStream(streamId)));
    // A stream with no event is not kept: requests naming made-up ids must not fill memory.
    if (entry.revision !== null) this.keep(streamId, entry);
    return entry;
  }

  /** Applied without awaiting in between, skipping what a concurrent call applied meanwhile. */
  private apply<S, E extends TimelineEvent>(entry: CacheEntry<S>, fold: Fold<S, E>, events: StoredEvent[]): void {
    for (const stored of events) {
      if (entry.revision !== null && stored.revision <= entry.revision) continue;
      // Marked folded only once folded: an event that cannot be read or folded stops every write
      // to the stream at this point, rather than be skipped.
      entry.state = fold.evolve(entry.state, fromRecord(stored as EventRecord) as E);
      entry.placed.set(stored.id, { revision: stored.revision, position: stored.position });
      entry.revision = stored.revision;
      entry.lastId = stored.id;
    }
  }

  /**
   * Writes to one stream from this process go one after another. Decided together, they would all
   * append at the same revision (into one commit group with SQLite, or concurrently to a server):
   * one wins, the rest are decided again together, one winner per round, until attempts run out.
   * Writers in other processes and instances still conflict, and are decided again.
   */
  async write<S, E extends TimelineEvent>(
    streamId: string,
    fold: Fold<S, E>,
    decide: (state: S, stamp: Stamp) => Decision<TimelineEvent>,
    context: CommandContext,
  ): Promise<RecordingResult> {
    const mine = (this.writing.get(streamId) ?? Promise.resolve()).then(() =>
      this.decideAndAppend(streamId, fold, decide, context),
    );
    const settled = mine.then(
      () => undefined,
      () => undefined,
    );
    this.writing.set(streamId, settled);
    try {
      return await mine;
    } finally {
      if (this.writing.get(streamId) === settled) this.writing.delete(streamId);
    }
  }

  /**
   * Decides on the stream as it stands and appends nothing: throws what the write would, for a
   * step that must come before the write only if the write can succeed.
   */
  async check<S, E extends TimelineEvent>(
    streamId: string,
    fold: Fold<S, E>,
    decide: (state: S, stamp: Stamp) => Decision<TimelineEvent>,
    context: CommandContext,
  ): Promise<void> {
    const { state } = await this.current(streamId, fold);
    decide(state, this.stamp(context));
  }

  /** Who records, and now. */
  private stamp(context: CommandContext): Stamp {
    return { recordedAt: this.clock.now().toISOString(), recordedBy: context.recordedBy };
  }

  private async decideAndAppend<S, E extends TimelineEvent>(
    streamId: string,
    fold: Fold<S, E>,
    decide: (state: S, stamp: Stamp) => Decision<TimelineEvent>,
    context: CommandContext,
  ): Promise<RecordingResult> {
    const stamp = this.stamp(context);
    for (let attempt = 1; ; attempt++) {
      const stream = await this.current(streamId, fold);
      const revision = stream.revision;
      const decision = decide(stream.state, stamp);
      if (decision.kind === 'alreadyRecorded') return originalAnswer(stream, decision.eventId);

      const pinned = context.expectedRevision;
      if (pinned !== undefined && pinned !== revision) throw new StaleRevisionError(pinned, revision);
      try {
        const { correlationId, causationId } = context;
        const records = decision.events.map((e) => toRecord(e, { correlationId, causationId }));
        const result = await this.store.append(streamId, records, revision ?? 'no_stream');
        if (this.latest === undefined || this.store.comparePositions(result.position, this.latest) > 0) {
          this.latest = result.position;
        }
        return {
          eventId: records[records.length - 1].id,
          revision: result.nextRevision,
          position: result.position,
          created: true,
        };
      } catch (error) {
        if (error instanceof DuplicateEventIdError) {
          throw new IdentityConflictError(`event id ${error.eventId} is already used by another stream`, 'eventId');
        }
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (pinned !== undefined) throw new StaleRevisionError(pinned, numeric(error.actual));
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrentWriteError(streamId);
      }
    }
  }

  /** Marks the stream most recently used, and lets the least recently used go beyond the bound. */
  private keep(streamId: string, entry: CacheEntry<unknown>): void {
    this.forget(streamId);
    this.folded.set(streamId, entry);
    entry.counted = entry.placed.size;
    this.cachedEvents += entry.counted;
    for (const id of this.folded.keys()) {
      if (this.cachedEvents <= MAX_CACHED_EVENTS || id === streamId) break;
      this.forget(id);
    }
  }

  private forget(streamId: string): void {
    const entry = this.folded.get(streamId);
    if (!entry) return;
    this.folded.delete(streamId);
    this.cachedEvents -= entry.counted;
  }

  /** Where the last event appended by this process is in the log: what its own later reads must wait for. */
  latestPosition(): GlobalPosition | undefined {
    return this.latest;
  }

  /** How many streams and events the kept states stand for (for tests and health). */
  cacheSize(): { streams: number; events: number } {
    return { streams: this.folded.size, events: this.cachedEvents };
  }
}

function originalAnswer(stream: FoldedStream<unknown>, eventId: string): RecordingResult {
  const original = stream.placed.get(eventId)!;
  return { eventId, revision: original.revision, position: original.position, created: false };
}

function numeric(revision: number | 'no_stream'): number | null {
  return revision === 'no_stream' ? null : revision;
}
