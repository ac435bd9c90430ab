import { franchiseStream } from '@app/domain';
import { EventRecorded } from '@app/projections';
import { GetRecordedSinceQuery, NumberedEntry, RecordedSince } from '@app/queries';
import { InputValidationError } from '@app/validation';
import { BeforeApplicationShutdown, Injectable, MessageEvent } from '@nestjs/common';
import { EventBus, QueryBus, ofType } from '@nestjs/cqrs';
import {
  EMPTY,
  Observable,
  Subject,
  concatMap,
  expand,
  filter,
  finalize,
  from,
  interval,
  map,
  merge,
  mergeMap,
  share,
  startWith,
  takeUntil,
  timer,
} from 'rxjs';

/** How often an idle stream sends a heartbeat, so that proxies and browsers keep it open. */
export const HEARTBEAT_MS = 15_000;

/**
 * The franchise's timeline entries as they are recorded, as Server-Sent Events: each an `entry`
 * whose id is its number in recording order. A client that reconnects with `Last-Event-ID` gets
 * what was recorded since first, so it misses nothing and sees nothing twice.
 *
 * What each new event adds is asked once per franchise, however many listen (`live`): asked by
 * each listener, 500 of them made every write to their franchise wait behind 500 reads.
 */
@Injectable()
export class TimelineStream implements BeforeApplicationShutdown {
  /** Ends every open stream, so that the server can close: an open stream never ends of itself. */
  private readonly closing = new Subject<void>();
  /** Each franchise's new entries while anyone listens to it, shared by its listeners. */
  private readonly feeds = new Map<string, Observable<Serialized>>();

  constructor(
    private readonly queryBus: QueryBus,
    private readonly eventBus: EventBus,
  ) {}

  /** Checks the franchise and the id before the stream starts, so that either is answered with a 4xx. */
  async open(franchiseId: string, lastEventId: string | undefined): Promise<Observable<MessageEvent>> {
    const after = parseLastEventId(lastEventId);
    // Asked even with an id: it checks the franchise exists.
    const { lastSequence } = await this.ask(franchiseId, undefined);
    // An id past the franchise's last entry comes from another history (a store restored from an
    // older copy): everything is sent again, rather than nothing until the numbers catch up.
    let last = after === undefined ? lastSequence : after > lastSequence ? -1 : after;
    // The shared feed is listened to first and held, then what came after `last` is asked: the
    // feed sends every entry after the point it had reached, no later than what the ask reads, so
    // together they miss nothing, and what both send is sent once.
    const entries = new Observable<Serialized>((subscriber) => {
      /** What the feed sent while the catch-up was read; none once it is sent. */
      let held: Serialized[] | undefined = [];
      const send = (entry: Serialized) => {
        if (entry.sequence <= last) return;
        last = entry.sequence;
        subscriber.next(entry);
      };
      const live = this.live(franchiseId).subscribe({
        next: (entry) => (held ? held.push(entry) : send(entry)),
        error: (error: unknown) => subscriber.error(error),
      });
      const catchUp = this.since(franchiseId, last).subscribe({
        next: (answer) => answer.entries.map(serialized).forEach(send),
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
    }).pipe(map(toMessage));
    const heartbeats = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: '' })));
    return merge(entries, heartbeats).pipe(takeUntil(this.closing));
  }

  /**
   * The entries recorded for the franchise from when its first listener came, one ask per event
   * recorded for it (published once the read models hold it), one at a time; ended with its last listener.
   */
  private live(franchiseId: string): Observable<Serialized> {
    let feed = this.feeds.get(franchiseId);
    if (!feed) {
      const stream = franchiseStream(franchiseId);
      let last: number | undefined;
      feed = this.eventBus.pipe(
        ofType(EventRecorded),
        filter(({ at }) => at.streamId === stream),
        // Asked first without a number: where the franchise's entries stand when the feed starts.
        startWith(undefined),
        concatMap(() => (last === undefined ? from(this.ask(franchiseId, undefined)) : this.since(franchiseId, last))),
        mergeMap((answer) => {
          last = answer.lastSequence;
          return answer.entries.map(serialized);
        }),
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

/** An entry as JSON, written once for every listener it is sent to. */
interface Serialized {
  sequence: number;
  json: string;
}

const serialized = (entry: NumberedEntry): Serialized => ({ sequence: entry.sequence, json: JSON.stringify(entry) });

const toMessage = ({ sequence, json }: Serialized): MessageEvent => ({
  id: String(sequence),
  type: 'entry',
  data: json,
});

function parseLastEventId(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (!/^\d{1,15}$/.test(header.trim())) {
    throw new InputValidationError([
      { field: 'Last-Event-ID', message: 'must be the id of an event this stream sent' },
    ]);
  }
  return Number(header);
}
