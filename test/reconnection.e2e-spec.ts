import { startEsdbEmulator } from './esdb-emulator/emulator';
import { loadConfig } from '@app/config';
import { EventStoreUnavailableError } from '@app/event-store';
import { createApp } from '../apps/api/src/app.factory';
import { client, startApp } from './support/test-app';
import { TestStore } from './support/test-store';

/** Polls until the condition holds; fails after a few seconds rather than hanging. */
async function eventually(condition: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not true within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('when EventStoreDB goes away and comes back', () => {
  it('keeps serving reads, answers writes and readiness with 503, then reconnects and catches up without a restart', async () => {
    let emulator = await startEsdbEmulator({ port: 0 });
    const store: TestStore = {
      kind: 'eventstoredb',
      env: { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: emulator.connectionString },
      dispose: () => emulator.stop(),
    };
    const running = await startApp({ store });
    const http = client(() => running);
    const wrap = { filmId: 'balle-perdue-2', wrappedOn: '2021', shootingWeeks: 6, sourceId: 'article-004' };
    try {
      await emulator.stop();

      const refused = await http.post('/franchises/balle-perdue/production-wraps', wrap);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(refused.body).toMatchObject({ type: '/problems/store-unavailable', detail: 'Try again shortly.' });
      expect(JSON.stringify(refused.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
      expect((await http.get('/franchises/balle-perdue/state?asOf=2023-01-01')).status).toBe(200);
      await eventually(async () => (await http.get('/health')).body.status === 'degraded');
      const notReady = await http.get('/health/ready');
      expect(notReady.status).toBe(503);
      expect(notReady.body).toMatchObject({ status: 'error', error: { eventStore: { status: 'down' } } });
      for (const body of [notReady.body, (await http.get('/health')).body]) {
        expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|esdb:/);
      }
      expect((await http.get('/health/live')).status).toBe(200);

      // The server comes back on the same address with its data, as after a restart.
      emulator = await startEsdbEmulator({ port: emulator.port, log: emulator.log });
      await eventually(async () => (await http.post('/franchises/balle-perdue/production-wraps', wrap)).status === 201);
      await eventually(async () => (await http.get('/health')).body.subscription === 'live');
      await eventually(async () => (await http.get('/health/ready')).status === 200);
      const timeline = (await http.get('/franchises/balle-perdue/timeline')).body;
      expect(
        timeline.entries.filter((e: any) => e.type === 'ProductionWrapped' && e.occurredOn === '2021'),
      ).toHaveLength(1);
    } finally {
      await running.dispose();
      await store.dispose();
    }
  }, 60_000);
});

describe('starting on EventStoreDB', () => {
  it('refuses to start, naming the address, when the server cannot be reached', async () => {
    const config = loadConfig({
      EVENT_STORE: 'eventstoredb',
      EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false',
      READ_MODEL_DB: ':memory:',
      LOG_LEVEL: 'error',
    });
    const starting = createApp({ config });
    await expect(starting).rejects.toBeInstanceOf(EventStoreUnavailableError);
    await expect(starting).rejects.toThrow('cannot reach EventStoreDB at esdb://127.0.0.1:1?tls=false');
  });
});
