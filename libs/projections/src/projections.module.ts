import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { ClaimsLedgerProjection } from './claims-ledger/claims-ledger.projection';
import { FranchiseStateProjection } from './franchise-state/franchise-state.projection';
import { PROJECTIONS } from './projection';
import { PROJECTION_OPTIONS, ProjectionOptions, ProjectionRunner } from './projection-runner';
import { READ_MODEL_DATABASE, openReadModelDatabase } from './read-model.database';
import { READ_MODELS } from './read-models';
import { SourceCatalogProjection } from './source-catalog/source-catalog.projection';
import { TimelineProjection } from './timeline/timeline.projection';
import { WithdrawalsProjection } from './withdrawals/withdrawals.projection';
import { Verifier } from './verifier';

class ReadModelLifecycle implements OnApplicationShutdown {
  constructor(@Inject(READ_MODEL_DATABASE) private readonly db: Database.Database) {}

  onApplicationShutdown(): void {
    if (this.db.open) this.db.close();
  }
}

/** The read models, their database, the runner that keeps them up to date, and their reads. */
@Module({})
export class ProjectionsModule {
  static forRoot(options: ProjectionOptions & { file: string }): DynamicModule {
    return {
      module: ProjectionsModule,
      global: true,
      providers: [
        { provide: READ_MODEL_DATABASE, useFactory: () => openReadModelDatabase(options.file) },
        { provide: PROJECTION_OPTIONS, useValue: { rebuild: options.rebuild, onMismatch: options.onMismatch } },
        {
          provide: PROJECTIONS,
          useFactory: () => [
            new SourceCatalogProjection(),
            new FranchiseStateProjection(),
            new TimelineProjection(),
            new ClaimsLedgerProjection(),
            new WithdrawalsProjection(),
          ],
        },
        ProjectionRunner,
        ReadModelLifecycle,
        Verifier,
        ...READ_MODELS,
      ],
      exports: [READ_MODEL_DATABASE, ProjectionRunner, Verifier, ...READ_MODELS],
    };
  }
}
