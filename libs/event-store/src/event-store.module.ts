import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EVENT_STORE, EventStore } from './event-store.port';
import { EventStoreDbEventStore, EventStoreDbOptions } from './eventstoredb/eventstoredb-event-store';
import { SqliteEventStore, SqliteEventStoreOptions } from './sqlite/sqlite-event-store';

/** The adapter and its options; `categories` names the streams an EventStoreDB subscription asks for. */
export type EventStoreConfig =
  | ({ kind: 'sqlite'; categories?: string[] } & SqliteEventStoreOptions)
  | ({ kind: 'eventstoredb' } & EventStoreDbOptions);

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
      providers: [{ provide: EVENT_STORE, useFactory: () => openEventStore(config) }, EventStoreLifecycle],
      exports: [EVENT_STORE],
    };
  }
}

async function openEventStore(config: EventStoreConfig): Promise<EventStore> {
  switch (config.kind) {
    case 'sqlite':
      return new SqliteEventStore(config);
    case 'eventstoredb':
      return EventStoreDbEventStore.connect(config);
  }
}
