import { ApiKeys, COMMAND_PROVIDERS, CLOCK, DECISION_INDEX, SqliteDecisionIndex } from '@app/commands';
import { AppConfig, APP_CONFIG } from '@app/config';
import { Clock, STREAM_CATEGORIES, systemClock } from '@app/domain';
import { EventStoreModule } from '@app/event-store';
import { ProjectionsModule, READ_MODEL_DATABASE } from '@app/projections';
import { QUERY_HANDLERS } from '@app/queries';
import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EventLogHandler } from './event-log.handler';
import { Seeder } from './seeder';
import { ServiceHealth } from './service-health';

export interface ServiceModuleOptions {
  config: AppConfig;
  /** Tests pass a fixed clock; the system clock otherwise. */
  clock?: Clock;
}

/**
 * The whole service without its front door: event store, projections, command and query
 * handlers on one CQRS bus. The HTTP API and the CLI both import it.
 */
@Module({})
export class ServiceModule {
  static forRoot({ config, clock = systemClock }: ServiceModuleOptions): DynamicModule {
    return {
      module: ServiceModule,
      imports: [
        CqrsModule.forRoot(),
        EventStoreModule.forRoot({ ...config.eventStore, categories: STREAM_CATEGORIES }),
        ProjectionsModule.forRoot({ file: config.readModel.file, ...config.projections }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
        // Beside the read models: one local file per instance, its facts checked against the store.
        {
          provide: DECISION_INDEX,
          useFactory: (db: ConstructorParameters<typeof SqliteDecisionIndex>[0]) => new SqliteDecisionIndex(db),
          inject: [READ_MODEL_DATABASE],
        },
        ...COMMAND_PROVIDERS,
        ...QUERY_HANDLERS,
        Seeder,
        ServiceHealth,
        EventLogHandler,
      ],
      exports: [APP_CONFIG, CLOCK, Seeder, ServiceHealth, ApiKeys, ProjectionsModule, CqrsModule],
    };
  }
}
