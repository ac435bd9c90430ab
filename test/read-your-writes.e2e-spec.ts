import { RunningApp, client, startApp } from './support/test-app';
import { TestStore, testStore } from './support/test-store';

/**
 * A write's answer waits until the instance's read models include it. On SQLite the projections
 * run inside the append, so only a subscription that lags can show the wait: here the emulator
 * delivers live events late (with a real server, `EVENTSTORE_CONNECTION_STRING`, the lag is whatever
 * the server's is).
 */
describe('read-your-writes on EventStoreDB, with subscriptions delivering live events late', () => {
  const LIVE_DELAY_MS = 300;
  let store: TestStore;
  let running: RunningApp;
  const http = client(() => running);

  beforeAll(async () => {
    store = await testStore('eventstoredb', { liveDelayMs: LIVE_DELAY_MS });
    running = await startApp({ store, seed: false });
  });
  afterAll(async () => {
    await running.dispose();
    await store.dispose();
  });

  it('shows each write in the very next read after its answer', async () => {
    const source = { id: 'ryw-source', name: 'Round-up', publishedOn: '2023-01-15', language: 'en' };
    expect((await http.post('/sources', source)).status).toBe(201);
    expect((await http.get('/sources/ryw-source')).body).toMatchObject({ id: 'ryw-source', publishedOn: '2023-01-15' });

    expect((await http.post('/franchises', { id: 'ryw', title: 'Read your writes' })).status).toBe(201);
    expect((await http.get('/franchises/ryw')).status).toBe(200);

    const started = Date.now();
    const claim = await http.post('/franchises/ryw/releases', {
      filmId: 'ryw-1',
      title: 'Read your writes',
      releasedOn: '2022-05-06',
      sourceId: 'ryw-source',
    });
    expect(claim.status).toBe(201);
    const timeline = (await http.get('/franchises/ryw/timeline')).body;
    expect(timeline.entries.map((e: any) => e.eventId)).toContain(claim.body.eventId);
    const state = (await http.get('/franchises/ryw/state')).body;
    expect(state.films).toEqual([expect.objectContaining({ filmId: 'ryw-1', releasedOn: '2022-05-06' })]);
    // The answer waited for the late delivery, not for the 5 s cap of the wait.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
