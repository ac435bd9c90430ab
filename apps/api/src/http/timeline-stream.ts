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
  from,
  interval,
  map,
  merge,
  mergeMap,
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
 */
@Injectable()
export class TimelineStream implements BeforeApplicationShutdown {
  /** Ends every open stream, so that the server can close: an open stream never ends of itself. */
  private readonly closing = new Subject<void>();

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
    const stream = franchiseStream(franchiseId);
    // At the start, then at each event recorded for the franchise (published once the read models
    // hold it): what came after the last entry sent, one ask at a time, so none is skipped or sent twice.
    const entries = this.eventBus.pipe(
      ofType(EventRecorded),
      filter(({ at }) => at.streamId === stream),
      startWith(undefined),
      concatMap(() => this.since(franchiseId, last)),
      mergeMap((answer) => {
        last = answer.lastSequence;
        return answer.entries;
      }),
      map(toMessage),
    );
    const heartbeats = interval(HEARTBEAT_MS).pipe(map((): MessageEvent => ({ type: 'heartbeat', data: '' })));
    return merge(entries, heartbeats).pipe(takeUntil(this.closing));
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

const toMessage = (entry: NumberedEntry): MessageEvent => ({ id: String(entry.sequence), type: 'entry', data: entry });

function parseLastEventId(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  if (!/^\d{1,15}$/.test(header.trim())) {
    throw new InputValidationError([
      { field: 'Last-Event-ID', message: 'must be the id of an event this stream sent' },
    ]);
  }
  return Number(header);
}
