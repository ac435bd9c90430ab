import { Established, StreamFacts, establish } from '@app/domain';
import { GlobalPosition } from '@app/event-store';
import { IndexHead, IndexedEvent } from './decision-index.port';

/**
 * How many events the tails kept in memory may hold, across streams: beyond it the least recently
 * written streams' tails are let go, and their next write reads the stream from the index's head
 * again (slower, still correct). About 0.5 KB an event.
 */
export const MAX_UNINDEXED_EVENTS = 50_000;

/**
 * Events of a stream past its index's head that the index could not take (its disk full, an older
 * process holding its tables): kept in memory with their facts, so that each later write reads
 * only the events after them, as it would with the index, instead of the whole tail again.
 */
export class UnindexedTail {
  private readonly facts = new Map<string, Established>();
  private readonly placements = new Map<string, { revision: number; position: GlobalPosition }>();
  readonly events: IndexedEvent[] = [];
  private offeredAt?: number;

  /** @param after the index's head the tail continues: another head means the tail no longer fits. */
  constructor(
    readonly version: number,
    readonly after: IndexHead | undefined,
  ) {}

  /** Takes in events that follow it, in order: anything else would leave facts out. */
  add(events: IndexedEvent[]): void {
    for (const event of events) {
      const next = (this.last ?? this.after)?.revision ?? -1;
      if (event.revision !== next + 1) {
        throw new Error(`unindexed tail: event at revision ${event.revision} after ${next}`);
      }
      this.events.push(event);
      this.placements.set(event.id, { revision: event.revision, position: event.position });
      establish(this.facts, event.revision, event.facts);
    }
  }

  /** The last event taken in: the next read starts there. */
  get last(): { revision: number; id: string } | undefined {
    return this.events.at(-1);
  }

  /** The index's facts, then the tail's: the index's events all come before the tail's. */
  over(indexed: StreamFacts): StreamFacts {
    return { get: (key) => indexed.get(key) ?? this.facts.get(key) };
  }

  placed(eventId: string): { revision: number; position: GlobalPosition } | undefined {
    return this.placements.get(eventId);
  }

  /** Whether the tail is due to be offered to the index again: `everyMs` after it last was, or was first asked. */
  due(now: number, everyMs: number): boolean {
    this.offeredAt ??= now;
    if (now - this.offeredAt < everyMs) return false;
    this.offeredAt = now;
    return true;
  }

  /** Whether the tail still continues `head` (the index has not moved or been dropped meanwhile), with facts of `version`. */
  continues(head: IndexHead | undefined, version: number): boolean {
    return (
      this.version === version &&
      this.after?.revision === head?.revision &&
      this.after?.id === head?.id &&
      this.after?.version === head?.version
    );
  }
}

/**
 * The tails of the streams the index could not take, the least recently written let go beyond
 * MAX_UNINDEXED_EVENTS, except those being read or written (`pinned`).
 */
export class UnindexedTails {
  private readonly tails = new Map<string, UnindexedTail>();
  /** Streams being read or written: their tails are not let go meanwhile (the reader holds on to it). */
  private readonly pins = new Map<string, number>();
  private held = 0;

  constructor(private readonly bound = MAX_UNINDEXED_EVENTS) {}

  get(streamId: string): UnindexedTail | undefined {
    return this.tails.get(streamId);
  }

  /** Adds `events` to the stream's tail (a new one continuing `after` if it has none), marked most recently used. */
  add(streamId: string, version: number, after: IndexHead | undefined, events: IndexedEvent[]): UnindexedTail {
    const tail = this.tails.get(streamId) ?? new UnindexedTail(version, after);
    this.forget(streamId);
    tail.add(events);
    this.tails.set(streamId, tail);
    this.held += tail.events.length;
    for (const id of this.tails.keys()) {
      if (this.held <= this.bound) break;
      if (id !== streamId && !this.pins.has(id)) this.forget(id);
    }
    return tail;
  }

  /** Runs `work` with the stream's tail kept whatever the bound. */
  async pinned<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    this.pins.set(streamId, (this.pins.get(streamId) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const left = this.pins.get(streamId)! - 1;
      if (left === 0) this.pins.delete(streamId);
      else this.pins.set(streamId, left);
    }
  }

  forget(streamId: string): void {
    const tail = this.tails.get(streamId);
    if (!tail) return;
    this.tails.delete(streamId);
    this.held -= tail.events.length;
  }

  /** How many streams and events are held (for tests). */
  size(): { streams: number; events: number } {
    return { streams: this.tails.size, events: this.held };
  }
}
