import {
  FranchiseCreated,
  FranchiseEvent,
  createFranchise,
  FixedClock,
  foldFranchise,
  metaFor,
  franchiseStream,
  toRecord,
} from '@app/domain';
import { EventStore, ExpectedRevision, EventToAppend } from '@app/event-store';
import { SqliteEventStore } from '../../event-store/src/sqlite/sqlite-event-store';
import { ConcurrentWriteError, StaleRevisionError } from './command-errors';
import { StreamWriter } from './stream-writer';
import { randomUUID } from 'node:crypto';

const STREAM = franchiseStream('f');
const meta = metaFor('FranchiseCreated', '2026-01-01T00:00:00.000Z', 'test');
const created: FranchiseCreated = {
  type: 'FranchiseCreated',
  eventId: randomUUID(),
  data: { franchiseId: 'f', title: 'F', aliases: [] },
  meta,
};

/** A store where another writer slips an event in before each of the first `races` appends. */
function racingStore(inner: EventStore, races: number): EventStore {
  let left = races;
  return new Proxy(inner, {
    get(target, property) {
      if (property !== 'append') return Reflect.get(target, property);
      return async (streamId: string, events: EventToAppend[], expected: ExpectedRevision) => {
        if (left-- > 0) {
          const rival = toRecord({
            ...created,
            eventId: randomUUID(),
            data: { ...created.data, title: `rival ${left}` },
          });
          await target.append(streamId, [rival], 'any');
        }
        return target.append(streamId, events, expected);
      };
    },
  });
}

/** Appends a FranchiseCreated-shaped event whatever the stream holds: enough to exercise the write cycle. */
const decideAppend = () => ({ kind: 'append' as const, events: [{ ...created, eventId: randomUUID() }] });

const clock = new FixedClock(new Date('2026-01-01T00:00:00Z'));

describe('StreamWriter', () => {
  let store: SqliteEventStore;

  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    await store.append(STREAM, [toRecord(created)], 'no_stream');
  });
  afterEach(() => store.close());

  it('decides again on the new stream when a concurrent write lands first, losing neither write', async () => {
    const writer = new StreamWriter(racingStore(store, 2), clock);
    const result = await writer.write(STREAM, decideAppend, { recordedBy: 'test' });
    expect(result).toMatchObject({ created: true, revision: 3 });
  });

  it('answers StaleRevisionError instead of retrying when the client pinned a revision', async () => {
    const writer = new StreamWriter(racingStore(store, 1), clock);
    await expect(
      writer.write(STREAM, decideAppend, { recordedBy: 'test', expectedRevision: 0 }),
    ).rejects.toBeInstanceOf(StaleRevisionError);
  });

  it('refuses a pinned revision the stream has already moved past, before appending', async () => {
    const writer = new StreamWriter(store, clock);
    await store.append(STREAM, [toRecord({ ...created, eventId: randomUUID() })], 'any');
    await expect(writer.write(STREAM, decideAppend, { recordedBy: 'test', expectedRevision: 0 })).rejects.toThrow(
      /revision 1, not 0/,
    );
  });

  it('gives up with ConcurrentWriteError when every attempt is overtaken', async () => {
    const writer = new StreamWriter(racingStore(store, 100), clock);
    await expect(writer.write(STREAM, decideAppend, { recordedBy: 'test' })).rejects.toBeInstanceOf(
      ConcurrentWriteError,
    );
  });

  it('answers a repeated command with the original event’s revision and position, appending nothing', async () => {
    const writer = new StreamWriter(store, clock);
    const command = {
      franchiseId: 'f',
      title: 'F',
      aliases: [],
      eventId: randomUUID(),
      recordedAt: meta.recordedAt,
      recordedBy: 'test',
    };
    const decide = (stream: { events: FranchiseEvent[] }) => createFranchise(foldFranchise(stream.events), command);
    const result = await writer.write(STREAM, decide, { recordedBy: 'test' });
    expect(result).toEqual({ eventId: created.eventId, revision: 0, position: '1', created: false });
  });
});
