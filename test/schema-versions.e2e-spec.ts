import { EventRecord, deriveEventId, franchiseStream } from '@app/domain';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/projections';
import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

describe.each(STORE_KINDS)('events stored at an older schema version (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const franchiseId = 'balle-perdue';
  const sourceId = 'wrap-report';
  const statedV1 = { filmId: 'balle-perdue-2', wrappedOn: '2022-02', shootingWeeks: 9 };
  // As the service recorded it before ProductionWrapped had version 2: the body as the payload.
  const v1: EventRecord = {
    id: deriveEventId({
      franchiseId,
      type: 'ProductionWrapped',
      sourceId,
      data: { franchiseId, ...statedV1 },
    }),
    type: 'ProductionWrapped',
    data: { franchiseId, ...statedV1 },
    metadata: { recordedAt: '2025-01-01T00:00:00.000Z', recordedBy: 'seed', schemaVersion: 1, sourceId },
  };

  beforeAll(async () => {
    running = await startApp({ kind });
    await http.post('/sources', { id: sourceId, name: 'Shoot report', publishedOn: '2022-03' });
    const store = running.app.get<EventStore>(EVENT_STORE);
    const { position } = await store.append(franchiseStream(franchiseId), [v1], 'stream_exists');
    await running.app.get(ProjectionRunner).waitFor(position);
  });
  afterAll(() => running.dispose());

  it('serves a version-1 production wrap in the current shape, at the current version', async () => {
    const events = (await http.get(`/franchises/${franchiseId}/events`)).body.events;

    expect(events.find((e: any) => e.eventId === v1.id)).toMatchObject({
      type: 'ProductionWrapped',
      schemaVersion: 2,
      data: { franchiseId, filmId: 'balle-perdue-2', wrappedOn: '2022-02', shootingDuration: 'P9W' },
    });
  });

  it('words and dates it on the timeline like any wrap', async () => {
    const entries = (await http.get(`/franchises/${franchiseId}/timeline`)).body.entries;

    expect(entries.find((e: any) => e.eventId === v1.id)).toMatchObject({
      occurredOn: '2022-02',
      summary: 'Shooting of Balle perdue 2 wrapped after 9 weeks',
    });
  });

  it('answers the same claim posted again as already recorded, under the id version 1 derived', async () => {
    const again = await http.post(`/franchises/${franchiseId}/production-wraps`, { ...statedV1, sourceId });

    expect(again.status).toBe(200);
    expect(again.body.eventId).toBe(v1.id);
  });
});
