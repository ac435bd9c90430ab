import {
  EventRecord,
  FixedClock,
  TimelineEvent,
  franchiseStream,
  fromRecord,
  sourceStream,
  toRecord,
} from '@app/domain';
import { franchiseCreated, sourceRegistered } from '@app/domain/events/timeline-events.fixtures';
import { collect } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite/sqlite-event-store';
import { validateInput } from '@app/validation';
import { SqliteDecisionIndex } from '../decision-index/sqlite-decision-index';
import { StreamWriter } from '../stream-writer';
import { CLAIM_KINDS, ClaimBody } from './claim-kinds';
import { RecordClaimCommand } from './record-claim.command';
import { RecordClaimHandler } from './record-claim.handler';

const FRANCHISE = 'balle-perdue';
const NOW = new Date('2026-11-23T10:00:00Z');

/** Given these events in the store, when this claim is recorded, then this is what the store holds. */
describe('RecordClaimHandler', () => {
  let store: SqliteEventStore;
  let handler: RecordClaimHandler;

  const given = async (...events: TimelineEvent[]) => {
    for (const event of events) {
      const stream = event.type === 'SourceRegistered' ? sourceStream(event.data.sourceId) : franchiseStream(FRANCHISE);
      await store.append(stream, [toRecord(event)], 'any');
    }
  };
  const when = <K extends keyof typeof CLAIM_KINDS>(type: K, body: Record<string, unknown>) => {
    const kind = CLAIM_KINDS[type];
    const validated = validateInput(kind.body, body) as ClaimBody;
    return handler.execute(new RecordClaimCommand(kind, FRANCHISE, validated, { recordedBy: 'test' }));
  };
  const stored = async () => (await collect(store.readStream(franchiseStream(FRANCHISE)))).slice(1);

  beforeEach(async () => {
    store = new SqliteEventStore({ file: ':memory:' });
    handler = new RecordClaimHandler(new StreamWriter(store, new FixedClock(NOW), SqliteDecisionIndex.inMemory()));
    await given(
      franchiseCreated(FRANCHISE),
      sourceRegistered('article-000', '2020-08'),
      sourceRegistered('article-004', '2020-09/2022-12'),
    );
  });
  afterEach(() => store.close());

  it('records the payload the kind maps the body to, stamped with its schema version and source', async () => {
    await when('FilmReleased', { filmId: 'balle-perdue-2', releasedOn: '2022-11-10', sourceId: 'article-004' });
    await when('ProductionWrapped', {
      filmId: 'balle-perdue-2',
      wrappedOn: '2022',
      shootingWeeks: 6,
      sourceId: 'article-004',
    });

    const [release, wrap] = await stored();
    expect(release).toMatchObject({
      type: 'FilmReleased',
      data: { franchiseId: FRANCHISE, filmId: 'balle-perdue-2', releasedOn: '2022-11-10' },
      metadata: { sourceId: 'article-004', schemaVersion: 1, recordedBy: 'test', recordedAt: NOW.toISOString() },
    });
    expect(Object.keys(release.data)).not.toContain('title');
    expect(wrap).toMatchObject({
      type: 'ProductionWrapped',
      data: { franchiseId: FRANCHISE, filmId: 'balle-perdue-2', wrappedOn: '2022', shootingDuration: 'P6W' },
      metadata: { schemaVersion: 2 },
    });
  });

  // The literal ids are those the service derived before payloads had versions of their own: an
  // article imported again after an upgrade must find its claims, not record them twice.
  it.each([
    [
      'a release',
      'FilmReleased',
      {
        filmId: 'balle-perdue-1',
        title: 'Balle perdue',
        releasedOn: '2020-06-19',
        platform: 'Netflix',
        sourceId: 'article-000',
      },
      '195403a8-08f9-545b-8460-9d2817d1dc07',
    ],
    [
      'a production wrap, whose payload is at version 2',
      'ProductionWrapped',
      { filmId: 'balle-perdue-2', wrappedOn: '2020-09/2022-12', shootingWeeks: 6, sourceId: 'article-004' },
      '18ff464d-b6e3-5018-942b-47257063afa8',
    ],
  ] as const)('derives the id of %s as earlier versions did', async (_, type, body, id) => {
    await when('SequelAnnounced', sequel2);

    const result = await when(type, body);

    expect(result.eventId).toBe(id);
  });

  it('derives a retraction’s id from its payload, as earlier versions did', async () => {
    // A source retracts only its own claims: article-004's.
    await given({
      ...claimOf1,
      eventId: '11111111-1111-4111-8111-111111111111',
      meta: { ...claimOf1.meta, sourceId: 'article-004' },
    });

    const result = await when('ClaimRetracted', {
      eventId: '11111111-1111-4111-8111-111111111111',
      reason: 'misreported',
      sourceId: 'article-004',
    });

    expect(result.eventId).toBe('acc91ea7-618c-515b-935b-28d552889451');
    const [, retraction] = await stored();
    expect(retraction.data).toEqual({
      franchiseId: FRANCHISE,
      retractedEventId: '11111111-1111-4111-8111-111111111111',
      reason: 'misreported',
      retractedOn: '2020-09/2022-12',
    });
  });

  it('answers a claim stored at schema version 1 as already recorded when the same body comes again', async () => {
    await when('SequelAnnounced', sequel2);
    const v1: EventRecord = {
      id: '18ff464d-b6e3-5018-942b-47257063afa8',
      type: 'ProductionWrapped',
      data: { franchiseId: FRANCHISE, filmId: 'balle-perdue-2', wrappedOn: '2020-09/2022-12', shootingWeeks: 6 },
      metadata: { recordedAt: NOW.toISOString(), recordedBy: 'seed', schemaVersion: 1, sourceId: 'article-004' },
    };
    await store.append(franchiseStream(FRANCHISE), [v1], 'any');

    const result = await when('ProductionWrapped', {
      filmId: 'balle-perdue-2',
      wrappedOn: '2020-09/2022-12',
      shootingWeeks: 6,
      sourceId: 'article-004',
    });

    expect(result).toMatchObject({ eventId: v1.id, created: false });
    const events = await stored();
    expect(events).toHaveLength(2);
    expect(fromRecord(events[1]).data).toEqual({
      franchiseId: FRANCHISE,
      filmId: 'balle-perdue-2',
      wrappedOn: '2020-09/2022-12',
      shootingDuration: 'P6W',
    });
  });
});

const sequel2 = { filmId: 'balle-perdue-2', announcedOn: '2021', sourceId: 'article-004' };
const release1 = { filmId: 'balle-perdue-1', title: 'Balle perdue', releasedOn: '2020-06-19', platform: 'Netflix' };
const claimOf1: TimelineEvent = {
  type: 'FilmReleased',
  eventId: '',
  data: { franchiseId: FRANCHISE, ...release1 },
  meta: { recordedAt: NOW.toISOString(), recordedBy: 'test', schemaVersion: 1, sourceId: 'article-000' },
};
