import {
  Clock,
  Decision,
  EventRecord,
  Fold,
  IdentityConflictError,
  KeyedFold,
  TimelineEvent,
  fromRecord,
  toRecord,
} from '@app/domain';
import {
  AppendResult,
  DuplicateEventIdError,
  EVENT_STORE,
  EventStore,
  GlobalPosition,
  StoredEvent,
  WrongExpectedRevisionError,
  collect,
} from '@app/event-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { setImmediate as yieldToTheLoop } from 'node:timers/promises';
import { CommandContext } from './command-context';
import { DECISION_INDEX, DecisionIndex, IndexHead, IndexedEvent } from './decision-index/decision-index.port';
import { UnindexedTail, UnindexedTails } from './decision-index/unindexed-tails';
import { ConcurrentWriteError, StaleRevisionError } from './command-errors';
import { RecordingResult } from './recording-result';
import { CLOCK } from './tokens';
import { OneAtATime } from './one-at-a-time';

const MAX_ATTEMPTS = 5;

/** How many events of a long stream are indexed per transaction when its index is built; the loop is let go between two. */
const INDEX_BATCH = 1000;

/**
 * While the index cannot be written, a stream's tail kept in memory is offered to it again this
 * often (and as soon as the index takes another stream's events): an offer costs the tail's length.
 */
const TAIL_RETRY_MS = 10_000;

/** How a stream becomes what its commands decide on: folded in memory, or indexed by key (long streams). */
export type StreamModel<S, E> = Fold<S, E> | KeyedFold<S, E>;

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

/** Where an event sits in its stream and in the log. */
interface Placement {
  revision: number;
  position: GlobalPosition;
}

/** A stream as it stands at `revision`, and where each of its events sits (to answer a retry). */
export interface LoadedStream<S> {
  state: S;
  revision: number | null;
  placed(eventId: string): Placement | undefined;
}

interface CacheEntry<S> {
  state: S;
  revision: number | null;
  placed: Map<string, Placement>;
  fold: Fold<S, never>;
  /** The id of the event at `revision`: read again first, to tell that the stream is still the one folded. */
  lastId?: string;
  /** The events it counted for, against the bound, when last kept. */
  counted: number;
}

/**
 * The write cycle every command shares: read the stream's state, decide, append at the revision
 * read. A concurrent write makes the append fail rather than overwrite; the command is then decided
 * again on the new stream, unless the client pinned a revision with `If-Match`.
 *
 * Short streams (a source, the keyring) are folded in memory, and the folded state is kept and fed
 * only the events appended since. Franchise streams grow without bound: their facts are kept in the
 * decision index (`KeyedFold`), and a decision reads only the few it needs, so a write costs the
 * same on a stream of any length, with nothing of it in memory. Either way what other processes and
 * instances appended is read from the store by revision first, starting at the last event already
 * taken in: if another is there (a store restored, a stream recreated), the stream is read again
 * from its start.
 */
@Injectable()
export class StreamWriter {
  private readonly cache = new Map<string, CacheEntry<unknown>>();
  private cachedEvents = 0;
  /** Writes to a stream from this process, one after another. */
  private readonly writing = new OneAtATime();
  /**
   * Reads of a franchise stream's new events, one after another: two at once would take the same
   * events into its tail twice (a `check` beside a write).
   */
  private readonly catchingUp = new OneAtATime();
  private latest?: GlobalPosition;
  private bound?: Promise<void>;
  private indexFailing = false;
  private readonly tails = new UnindexedTails();
  private readonly logger = new Logger(StreamWriter.name);

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DECISION_INDEX) private readonly index: DecisionIndex,
  ) {}

  /** The stream as it stands at its last event. Concurrent calls are safe: new events are taken in once, in order. */
  current<S, E extends TimelineEvent>(streamId: string, model: StreamModel<S, E>): Promise<LoadedStream<S>> {
    return 'facts' in model ? this.indexed(streamId, model) : this.folded(streamId, model);
  }

  private async indexed<S, E extends TimelineEvent>(
    streamId: string,
    model: KeyedFold<S, E>,
  ): Promise<LoadedStream<S>> {
    await this.bindIndex();
    const tail = await this.catchingUp.run(streamId, () =>
      this.tails.pinned(streamId, () => this.caughtUp(streamId, model)),
    );
    const indexed = this.index.read(streamId);
    return {
      state: model.view(tail ? tail.over(indexed.facts) : indexed.facts),
      revision: tail?.last?.revision ?? indexed.head?.revision ?? null,
      placed: (eventId) => indexed.placed(eventId) ?? tail?.placed(eventId),
    };
  }

  /** The stream's tail once its new events are taken in, from its start again if it is no longer the stream indexed. */
  private async caughtUp<S, E extends TimelineEvent>(
    streamId: string,
    model: KeyedFold<S, E>,
  ): Promise<UnindexedTail | undefined> {
    const tail = await this.catchUp(streamId, model);
    if (tail !== false) return tail;
    this.tails.forget(streamId);
    this.index.drop(streamId);
    return (await this.catchUp(streamId, model)) || undefined;
  }

  /** Once per process; a store that could not be reached is asked again at the next write. */
  private bindIndex(): Promise<void> {
    this.bound ??= this.store
      .identity()
      .then((identity) => this.index.bind(identity))
      .catch((error: unknown) => {
        this.bound = undefined;
        throw error;
      });
    return this.bound;
  }

  /**
   * Indexes what the stream holds past the index's head (or past the tail kept in memory), in
   * batches that let other work run between two (a long stream the first time, on a new instance).
   * False when the stream holds another event where the read starts than the one taken in (it is
   * no longer the stream indexed), or the facts kept are of another version.
   *
   * The index is a cache of the store: when it cannot be written (its disk full), the events it
   * could not take are kept in memory (`UnindexedTails`) and returned, to be decided on, and
   * writes go on, each reading only what was appended since.
   */
  private async catchUp<S, E extends TimelineEvent>(
    streamId: string,
    model: KeyedFold<S, E>,
  ): Promise<UnindexedTail | undefined | false> {
    let head = this.index.head(streamId);
    // Facts of another version are established again, from the start of the stream.
    if (head && head.version !== model.version) return false;
    let tail = this.tails.get(streamId);
    if (tail && !tail.continues(head, model.version)) {
      this.tails.forget(streamId);
      tail = undefined;
    }
    const from = tail?.last ?? head;
    let batch: IndexedEvent[] = [];
    const take = () => {
      const taken = this.take(streamId, model.version, head, tail, batch);
      // Indexed: the index's head is now the last event it took (the batch's, or the tail's it took back).
      const last = taken ? undefined : (batch.at(-1) ?? tail?.last);
      if (last) head = { revision: last.revision, id: last.id, version: model.version };
      tail = taken;
      batch = [];
    };
    // The read starts at the last event taken in: the stream must still hold that event there.
    let atStart = from !== undefined;
    for await (const stored of this.store.readStream(streamId, { fromRevision: from?.revision ?? 0 })) {
      if (atStart) {
        if (stored.id !== from!.id) return false;
        atStart = false;
        continue;
      }
      batch.push(indexedBy(model)(stored));
      if (batch.length < INDEX_BATCH) continue;
      take();
      await yieldToTheLoop();
    }
    take();
    // Still before it: the stream no longer reaches it (a store restored from an older copy).
    return atStart ? false : tail;
  }

  /**
   * Indexes `events`, read past the index's head and the stream's tail; what the index cannot take
   * goes to the tail. A tail is offered to the index again, whole, once the index took another
   * stream's events or TAIL_RETRY_MS after the last offer: not at every write, which would cost its length.
   */
  private take(
    streamId: string,
    version: number,
    head: IndexHead | undefined,
    tail: UnindexedTail | undefined,
    events: IndexedEvent[],
  ): UnindexedTail | undefined {
    if (!tail) {
      if (events.length === 0 || this.tryToIndex(streamId, version, events)) return undefined;
      return this.tails.add(streamId, version, head, events);
    }
    if (
      (!this.indexFailing || tail.due(this.clock.now().getTime(), TAIL_RETRY_MS)) &&
      this.tryToIndex(streamId, version, [...tail.events, ...events])
    ) {
      this.tails.forget(streamId);
      return undefined;
    }
    return events.length === 0 ? tail : this.tails.add(streamId, version, head, events);
  }

  /** Said once when the index stops taking events, and once when it takes them again. */
  private tryToIndex(streamId: string, version: number, events: IndexedEvent[]): boolean {
    try {
      this.index.add(streamId, version, events);
      if (this.indexFailing) this.logger.log('the decision index is written again');
      this.indexFailing = false;
      return true;
    } catch (error) {
      if (!this.indexFailing) {
        this.logger.warn(`decision index of ${streamId} not written (writes decide from the store): ${String(error)}`);
      }
      this.indexFailing = true;
      return false;
    }
  }

  private async folded<S, E extends TimelineEvent>(streamId: string, fold: Fold<S, E>): Promise<LoadedStream<S>> {
    const kept = this.cache.get(streamId) as CacheEntry<S> | undefined;
    if (kept?.fold === fold && kept.revision !== null) {
      const expected = kept.lastId;
      const tail = await collect(this.store.readStream(streamId, { fromRevision: kept.revision }));
      if (tail.length > 0 && tail[0].id === expected) {
        this.apply(kept, fold, tail);
        this.keep(streamId, kept);
        return loaded(kept);
      }
      this.forget(streamId);
    }
    const entry: CacheEntry<S> = { fold, state: fold.initial(), revision: null, placed: new Map(), counted: 0 };
    this.apply(entry, fold, await collect(this.store.readStream(streamId)));
    // A stream with no event is not kept: requests naming made-up ids must not fill memory.
    if (entry.revision !== null) this.keep(streamId, entry);
    return loaded(entry);
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
    model: StreamModel<S, E>,
    decide: (state: S, stamp: Stamp) => Decision<TimelineEvent>,
    context: CommandContext,
  ): Promise<RecordingResult> {
    // Pinned: the tail its decision read is still kept when its own event is added to it.
    return this.writing.run(streamId, () =>
      this.tails.pinned(streamId, () => this.decideAndAppend(streamId, model, decide, context)),
    );
  }

  /**
   * Decides on the stream as it stands and appends nothing: throws what the write would, for a
   * step that must come before the write only if the write can succeed.
   */
  async check<S, E extends TimelineEvent>(
    streamId: string,
    model: StreamModel<S, E>,
    decide: (state: S, stamp: Stamp) => Decision<TimelineEvent>,
    context: CommandContext,
  ): Promise<void> {
    const { state } = await this.current(streamId, model);
    decide(state, this.stamp(context));
  }

  /** Who records, and now. */
  private stamp(context: CommandContext): Stamp {
    return { recordedAt: this.clock.now().toISOString(), recordedBy: context.recordedBy };
  }

  private async decideAndAppend<S, E extends TimelineEvent>(
    streamId: string,
    model: StreamModel<S, E>,
    decide: (state: S, stamp: Stamp) => Decision<TimelineEvent>,
    context: CommandContext,
  ): Promise<RecordingResult> {
    const stamp = this.stamp(context);
    for (let attempt = 1; ; attempt++) {
      const stream = await this.current(streamId, model);
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
        // Taken in at once, so the next write on the stream reads only this last event back.
        if ('facts' in model) this.indexAppended(streamId, model, records, result);
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

  /**
   * The store answers with the position of the last event appended; the others' positions are not
   * known here, so an append of several events is left to the next write to read back from the
   * store. One event per append is the rule for every command today. With a tail in memory, the
   * event goes to the tail, after it: the index takes nothing past a gap.
   */
  private indexAppended<S, E extends TimelineEvent>(
    streamId: string,
    model: KeyedFold<S, E>,
    records: EventRecord[],
    { nextRevision: revision, position }: AppendResult,
  ): void {
    if (records.length !== 1) return;
    const event = indexedBy(model)({ ...records[0], streamId, revision, position });
    const tail = this.tails.get(streamId);
    if (!tail) this.tryToIndex(streamId, model.version, [event]);
    else if (tail.last?.revision === revision - 1) this.tails.add(streamId, model.version, tail.after, [event]);
  }

  /** Marks the stream most recently used, and lets the least recently used go beyond the bound. */
  private keep(streamId: string, entry: CacheEntry<unknown>): void {
    this.forget(streamId);
    this.cache.set(streamId, entry);
    entry.counted = entry.placed.size;
    this.cachedEvents += entry.counted;
    for (const id of this.cache.keys()) {
      if (this.cachedEvents <= MAX_CACHED_EVENTS || id === streamId) break;
      this.forget(id);
    }
  }

  private forget(streamId: string): void {
    const entry = this.cache.get(streamId);
    if (!entry) return;
    this.cache.delete(streamId);
    this.cachedEvents -= entry.counted;
  }

  /** Where the last event appended by this process is in the log: what its own later reads must wait for. */
  latestPosition(): GlobalPosition | undefined {
    return this.latest;
  }

  /** How many streams and events the kept states stand for (for tests and health). */
  cacheSize(): { streams: number; events: number } {
    return { streams: this.cache.size, events: this.cachedEvents };
  }
}

function originalAnswer(stream: LoadedStream<unknown>, eventId: string): RecordingResult {
  const original = stream.placed(eventId)!;
  return { eventId, revision: original.revision, position: original.position, created: false };
}

function loaded<S>(entry: CacheEntry<S>): LoadedStream<S> {
  return { state: entry.state, revision: entry.revision, placed: (eventId) => entry.placed.get(eventId) };
}

function indexedBy<S, E extends TimelineEvent>(model: KeyedFold<S, E>): (stored: StoredEvent) => IndexedEvent {
  return (stored) => ({
    id: stored.id,
    revision: stored.revision,
    position: stored.position,
    facts: model.facts(fromRecord(stored as EventRecord) as E),
  });
}

function numeric(revision: number | 'no_stream'): number | null {
  return revision === 'no_stream' ? null : revision;
}
