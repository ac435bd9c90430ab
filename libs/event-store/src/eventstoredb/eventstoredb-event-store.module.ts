import { DynamicModule, Module } from '@nestjs/common';
import { eventStoreModule } from '../event-store.lifecycle';
import { EventStoreDbEventStore, EventStoreDbOptions } from './eventstoredb-event-store';

/** EventStoreDB behind the port; start-up waits for the first contact with the server. */
@Module({})
export class EventStoreDbEventStoreModule {
  static forRoot(options: EventStoreDbOptions): DynamicModule {
    return eventStoreModule(EventStoreDbEventStoreModule, () => EventStoreDbEventStore.connect(options));
  }
}
