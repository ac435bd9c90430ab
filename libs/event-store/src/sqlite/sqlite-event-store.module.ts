import { DynamicModule, Module } from '@nestjs/common';
import { eventStoreModule } from '../event-store.lifecycle';
import { SqliteEventStore, SqliteEventStoreOptions } from './sqlite-event-store';

/** The embedded SQLite store behind the port. */
@Module({})
export class SqliteEventStoreModule {
  static forRoot(options: SqliteEventStoreOptions): DynamicModule {
    return eventStoreModule(SqliteEventStoreModule, () => new SqliteEventStore(options));
  }
}
