import { DynamicModule, Inject, OnApplicationShutdown, Type } from '@nestjs/common';
import { EVENT_STORE, EventStore } from './event-store.port';

class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** An adapter's module: global, providing and exporting only the port's token, closing the store on shutdown. */
export function eventStoreModule(module: Type, open: () => EventStore | Promise<EventStore>): DynamicModule {
  return {
    module,
    global: true,
    providers: [{ provide: EVENT_STORE, useFactory: open }, EventStoreLifecycle],
    exports: [EVENT_STORE],
  };
}
