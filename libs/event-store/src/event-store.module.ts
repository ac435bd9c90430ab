import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from './event-store.port';
import { SqliteEventStore, SqliteEventStoreOptions } from './sqlite/sqlite-event-store';

export type EventStoreConfig = { kind: 'sqlite' } & SqliteEventStoreOptions;

class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Picks the adapter named by configuration; the only thing it exports is the port's token. */
@Module({})
export class EventStoreModule {
  static forRoot(config: EventStoreConfig): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [{ provide: EVENT_STORE, useFactory: () => new SqliteEventStore(config) }, EventStoreLifecycle],
      exports: [EVENT_STORE],
    };
  }
}
