import { franchiseStream } from '@app/domain';
import { EventRecorded } from '@app/projections';
import { GetRecordedSinceQuery, NumberedEntry, RecordedSince } from '@app/queries';
import { InputValidationError } from '@app/validation';
import { EventBus, QueryBus } from '@nestjs/cqrs';
import { Subject, Subscription } from 'rxjs';
import { BATCH_MS, TimelineStream } from './timeline-stream';

const entry = (sequence: number) => ({ sequence, eventId: `e${sequence}` }) as NumberedEntry;

/** A query bus over a made-up franchise whose entries 1 to `last` are recorded, `perAnswer` to an answer. */
function recorded(last: () => number, perAnswer: number) {
  const asked: (number | undefined)[] = [];
  const bus = {
    execute: async ({ afterSequence }: GetRecordedSinceQuery): Promise<RecordedSince> => {
      asked.push(afterSequence);
      if (afterSequence === undefined) return { lastSequence: last(), entries: [], more: false };
      const numbers = Array.from({ length: last() - afterSequence }, (_, i) => afterSequence + 1 + i);
      const entries = numbers.slice(0, perAnswer).map(entry);
      return { lastSequence: entries.at(-1)?.sequence ?? afterSequence, entries, more: numbers.length > perAnswer };
    },
  } as unknown as QueryBus;
  return { bus, asked };
}

/** The ids of the `entry` events in the text a stream sent. */
const idsIn = (chunks: string[]) =>
  chunks
    .join('')
    .split('\n\n')
    .filter((event) => event.includes('event: entry'))
    .map((event) => /^id: (\d+)$/m.exec(event)![1]);

/** Long enough for every answer to arrive, each on a turn of the event loop of its own, and a batch to be gathered. */
const settle = () => new Promise((resolve) => setTimeout(resolve, BATCH_MS + 50));

describe('TimelineStream', () => {
  let events: Subject<unknown>;
  /** Streams beat every few seconds: each is ended after its test, passed or failed. */
  const open: Subscription[] = [];
  beforeEach(() => (events = new Subject()));
  afterEach(() => open.splice(0).forEach((subscription) => subscription.unsubscribe()));
  const recordedIn = (streamId: string) =>
    events.next(new EventRecorded({} as never, { streamId, revision: 0, position: '1', sequence: 0 }));

  it('sends what was recorded after Last-Event-ID in as many answers as it takes, then each new entry once', async () => {
    let last = 7;
    const { bus } = recorded(() => last, 2);
    const stream = await new TimelineStream(bus, events as unknown as EventBus).open('f', '2');
    const sent: string[] = [];
    open.push(stream.subscribe((message) => sent.push(message)));
    await settle();

    expect(idsIn(sent)).toEqual(['3', '4', '5', '6', '7']);

    last = 9;
    recordedIn(franchiseStream('other'));
    await settle();
    expect(idsIn(sent)).toHaveLength(5);
    recordedIn(franchiseStream('f'));
    recordedIn(franchiseStream('f'));
    await settle();

    expect(idsIn(sent)).toEqual(['3', '4', '5', '6', '7', '8', '9']);
  });

  it('starts after the last entry recorded when no Last-Event-ID is given', async () => {
    let last = 4;
    const { bus, asked } = recorded(() => last, 10);
    const stream = await new TimelineStream(bus, events as unknown as EventBus).open('f', undefined);
    const sent: string[] = [];
    open.push(stream.subscribe((message) => sent.push(message)));
    await settle();
    last = 5;
    recordedIn(franchiseStream('f'));
    await settle();

    expect(idsIn(sent)).toEqual(['5']);
    // The opening's check, the shared feed's start, the listener's catch-up, then the feed's one ask.
    expect(asked).toEqual([undefined, undefined, 4, 4]);
  });

  it('asks once per event for a franchise however many listen, and sends each listener every entry once', async () => {
    let last = 4;
    const { bus, asked } = recorded(() => last, 10);
    const timeline = new TimelineStream(bus, events as unknown as EventBus);
    const sent: string[][] = [];
    for (const lastEventId of [undefined, '2', undefined, '4']) {
      const received: string[] = [];
      sent.push(received);
      open.push((await timeline.open('f', lastEventId)).subscribe((text) => received.push(text)));
    }
    await settle();
    asked.length = 0;

    last = 6;
    recordedIn(franchiseStream('f'));
    await settle();

    expect(asked).toEqual([4]);
    expect(sent.map((texts) => idsIn(texts))).toEqual([
      ['5', '6'],
      ['3', '4', '5', '6'],
      ['5', '6'],
      ['5', '6'],
    ]);
    // Caught up, the listeners are sent the feed's one text, made once.
    expect(sent[0].at(-1)).toBe(sent[2].at(-1));
  });

  it('gathers a burst of entries into one ask after the first, and one text for each listener', async () => {
    let last = 4;
    const { bus, asked } = recorded(() => last, 100);
    const sent: string[] = [];
    open.push(
      (await new TimelineStream(bus, events as unknown as EventBus).open('f', undefined)).subscribe((t) =>
        sent.push(t),
      ),
    );
    await settle();
    asked.length = 0;

    for (last = 5; last <= 9; last++) recordedIn(franchiseStream('f'));
    last = 9;
    await settle();

    expect(asked).toEqual([4, 5]);
    expect(sent.map((text) => idsIn([text]))).toEqual([['5'], ['6', '7', '8', '9']]);
  });

  it('lets a franchise’s feed go with its last listener, and starts it again for the next', async () => {
    let last = 1;
    const { bus, asked } = recorded(() => last, 10);
    const timeline = new TimelineStream(bus, events as unknown as EventBus);
    (await timeline.open('f', undefined)).subscribe().unsubscribe();
    asked.length = 0;

    recordedIn(franchiseStream('f'));
    await settle();
    expect(asked).toEqual([]);

    const sent: string[] = [];
    open.push((await timeline.open('f', undefined)).subscribe((message) => sent.push(message)));
    await settle();
    last = 2;
    recordedIn(franchiseStream('f'));
    await settle();
    expect(idsIn(sent)).toEqual(['2']);
  });

  it('sends everything again for a Last-Event-ID past the last entry, which comes from another history', async () => {
    const { bus } = recorded(() => 3, 10);
    const stream = await new TimelineStream(bus, events as unknown as EventBus).open('f', '99');
    const sent: string[] = [];
    open.push(stream.subscribe((message) => sent.push(message)));
    await settle();

    expect(idsIn(sent)).toEqual(['0', '1', '2', '3']);
  });

  it('refuses a Last-Event-ID that is not one of its ids, naming the header', async () => {
    const { bus } = recorded(() => 1, 10);
    const opening = new TimelineStream(bus, events as unknown as EventBus).open('f', '12abc');

    await expect(opening).rejects.toBeInstanceOf(InputValidationError);
    await expect(opening).rejects.toMatchObject({ errors: [{ field: 'Last-Event-ID' }] });
  });
});
