import { loadConfig } from '@app/config';
import { collect, EVENT_STORE, EventStore } from '@app/event-store';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceModule } from './service.module';

// Any load of the EventStoreDB client, however indirect, fails the boot that caused it.
jest.mock('@eventstore/db-client', () => {
  throw new Error('EventStoreDB client loaded');
});

const boot = (env: Record<string, string>) =>
  NestFactory.createApplicationContext(
    ServiceModule.forRoot({ config: loadConfig({ SEED_ON_EMPTY: 'false', ...env }) }),
    {
      logger: false,
      abortOnError: false,
    },
  );

describe('ServiceModule wiring', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'service-module-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('boots on SQLite without loading the EventStoreDB client, and closes the store on shutdown', async () => {
    const app = await boot({ EVENT_STORE: 'sqlite', TIMELINE_DB: join(dir, 'timeline.db') });
    const store = app.get<EventStore>(EVENT_STORE);
    expect(store.constructor.name).toBe('SqliteEventStore');
    await expect(collect(store.readAll())).resolves.toEqual([]);
    await app.close();
    await expect(collect(store.readAll())).rejects.toThrow(/not open/);
  });

  it('loads the EventStoreDB adapter only when configured (the client is then required)', async () => {
    await expect(
      boot({
        EVENT_STORE: 'eventstoredb',
        EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false',
        READ_MODEL_DB: join(dir, 'read-models.db'),
      }),
    ).rejects.toThrow('EventStoreDB client loaded');
  });
});
