import { franchiseStream } from '@app/domain';
import { EventRecorded } from '@app/projections';
import { GetRecordedSinceQuery, NumberedEntry, RecordedSince } from '@app/queries';
import { InputValidationError } from '@app/validation';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { EventBus, QueryBus, ofType } from '@nestjs/cqrs';
import {
  EMPTY,
  Observable,
  Subject,
  asyncScheduler,
  concatMap,
  expand,
  filter,
  finalize,
  from,
  interval,
  map,
  merge,
  share,
  startWith,
  takeUntil,
  throttleTime,
  timer,
} from 'rxjs';

/** How often an idle stream sends a heartbeat, so that proxies and browsers keep it open. */
export const HEARTBEAT_MS = 15_000;

/**
 * How long a franchise's feed gathers the entries recorded after the one it sent at once: a burst
 * of writes reaches each listener in one write every this many milliseconds, not one per entry.
 */
export const BATCH_MS = 100;

/**
 * The franchise's timeline entries as they are recorded, as Server-Sent Events text: each an
 * `entry` whose id is its number in recording order. A client that reconnects with `Last-Event-ID`
 * gets what was recorded since first, so it misses nothing and sees nothing twice.
 *
 * What is recorded is asked once per franchise, however many listen, and written out as text once
 * for all of them (`live`): asked and written by each listener, 500 of them made every write to
 * their franchise wait half a second.
 */
@Injectable()
export class TimelineStream implements BeforeApplicationShutdown {
  /** Ends every open stream, so that the server can close: an open stream never ends of itself. */
  private readonly closing = new Subject<void>();
  /** Each franchise's new entries while anyone listens to it, shared by its listeners. */
  private readonly feeds = new Map<string, Observable<Batch>>();

  constructor(
    private readonly queryBus: QueryBus,
    private readonly eventBus: EventBus,
  ) {}

  /** Checks the franchise and the id before the stream starts, so that either is answered with a 4xx. */
  async open(franchiseId: string, lastEventId: string | undefined): Promise<Observable<string>> {
    const after = parseLastEventId(lastEventId);
    // Asked even with an id: it checks the franchise exists.
    const { lastSequence } = await this.ask(franchiseId, undefined);
    // An id past the franchise's last entry comes from another history (a store restored from an
    // older copy): everything is sent again, rather than nothing until the numbers catch up.
    let last = after === undefined ? lastSequence : after > lastSequence ? -1 : after;
    // The shared feed is listened to first and held, then what came after `last` is asked: the
    // feed sends every entry after the point it had reached, no later than what the ask reads, so
    // together they miss nothing, and what both send is sent once.
    const entries = new Observable<string>((subscriber) => {
      /** What the feed sent while the catch-up was read; none once it is sent. */
      let held: Batch[] | undefined = [];
      const send = ({ entries, text }: Batch) => {
        const fresh = entries.filter((entry) => entry.sequence > last);
        if (fresh.length === 0) return;
        last = fresh[fresh.length - 1].sequence;
        // The feed's text as it is, unless part of it was sent already.
        subscriber.next(fresh.length === entries.length ? text : eventsOf(fresh));
      };
      const live = this.live(franchiseId).subscribe({
        next: (batch) => (held ? held.push(batch) : send(batch)),
        error: (error: unknown) => subscriber.error(error),
      });
      const catchUp = this.since(franchiseId, last).subscribe({
        next: (answer) => send(batchOf(answer.entries)),
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          held?.forEach(send);
          held = undefined;
        },
      });
      return () => {
        live.unsubscribe();
        catchUp.unsubscribe();
      };
    });
    const heartbeats = interval(HEARTBEAT_MS).pipe(map(() => HEARTBEAT));
    return merge(entries, heartbeats).pipe(takeUntil(this.closing));
  }

  /**
   * The entries recorded for the franchise from when its first listener came: asked at once for
   * the first event recorded for it (published once the read models hold it), then at most once
   * every BATCH_MS for those that follow, one ask at a time; ended with its last listener.
   */
  private live(franchiseId: string): Observable<Batch> {
    let feed = this.feeds.get(franchiseId);
    if (!feed) {
      const stream = franchiseStream(franchiseId);
      let last: number | undefined;
      feed = this.eventBus.pipe(
        ofType(EventRecorded),
        filter(({ at }) => at.streamId === stream),
        throttleTime(BATCH_MS, asyncScheduler, { leading: true, trailing: true }),
        // Asked first without a number: where the franchise's entries stand when the feed starts.
        startWith(undefined),
        concatMap(() => (last === undefined ? from(this.ask(franchiseId, undefined)) : this.since(franchiseId, last))),
        filter((answer) => {
          last = answer.lastSequence;
          return answer.entries.length > 0;
        }),
        map((answer) => batchOf(answer.entries)),
        finalize(() => this.feeds.delete(franchiseId)),
        share(),
      );
      this.feeds.set(franchiseId, feed);
    }
    return feed;
  }

  beforeApplicationShutdown(): void {
    this.closing.next();
    this.closing.complete();
  }

  /**
   * Everything recorded after `after`, in as many answers as it takes, each on a turn of the event
   * loop of its own: a client back after a long while does not hold up the others, and what was
   * sent can be written out before the next answer is read.
   */
  private since(franchiseId: string, after: number): Observable<RecordedSince> {
    return from(this.ask(franchiseId, after)).pipe(
      expand((answer) =>
        answer.more ? timer(0).pipe(concatMap(() => this.ask(franchiseId, answer.lastSequence))) : EMPTY,
      ),
    );
  }

  private ask(franchiseId: string, afterSequence: number | undefined): Promise<RecordedSince> {
    return this.queryBus.execute(new GetRecordedSinceQuery(franchiseId, afterSequence));
  }
}

/** Entries in recording order, with their Server-Sent Events text, made once for every listener. */
interface Batch {
  entries: NumberedEntry[];
  text: string;
}

const batchOf = (entries: NumberedEntry[]): Batch => ({ entries, text: eventsOf(entries) });

/** One `entry` event each, its id the entry's number; JSON has no line break, so the data is one line. */
const eventsOf = (entries: NumberedEntry[]): string =>
  entries.map((entry) => `id: ${entry.sequence}\nevent: entry\ndata: ${JSON.stringify(entry)}\n\n`).join('');

const HEARTBEAT = 'event: heartbeat\ndata: \n\n';

function parseLastEventId(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (!/^\d{1,15}$/.test(header.trim())) {
    throw new InputValidationError([
      { field: 'Last-Event-ID', message: 'must be the id of an event this stream sent' },
    ]);
  }
  return Number(header);
}
