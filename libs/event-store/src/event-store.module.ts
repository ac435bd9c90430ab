import type { DynamicModule } from '@nestjs/common';
import type { EventStoreDbOptions } from './eventstoredb/eventstoredb-event-store';
import type { SqliteEventStoreOptions } from './sqlite/sqlite-event-store';

/** The adapter and its options; `categories` names the streams an EventStoreDB subscription asks for. */
export type EventStoreConfig =
  | ({ kind: 'sqlite'; categories?: string[] } & SqliteEventStoreOptions)
  | ({ kind: 'eventstoredb' } & EventStoreDbOptions);

/**
 * Picks the adapter named by configuration and loads only its module (a dynamic import), so an
 * SQLite deployment never loads the EventStoreDB client. The module exports only the port's token.
 */
export const EventStoreModule = {
  async forRoot(config: EventStoreConfig): Promise<DynamicModule> {
    switch (config.kind) {
      case 'sqlite': {
        const { SqliteEventStoreModule } = await import('./sqlite/sqlite-event-store.module');
        return SqliteEventStoreModule.forRoot(config);
      }
      case 'eventstoredb': {
        const { EventStoreDbEventStoreModule } = await import('./eventstoredb/eventstoredb-event-store.module');
        return EventStoreDbEventStoreModule.forRoot(config);
      }
    }
  },
};
