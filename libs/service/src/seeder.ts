import { ImportProgress, NdjsonImporter, StreamWriter } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { KEYRING_STREAM, SYSTEM_PREFIX } from '@app/domain';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/projections';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** Who the seed is recorded by: a system principal, which no API key can be issued to. */
export const SEED_PRINCIPAL = `${SYSTEM_PREFIX}seed`;

/** Loads the seed fixture (the five "Balle perdue" articles) through the ordinary import path. */
@Injectable()
export class Seeder {
  private readonly logger = new Logger(Seeder.name);

  constructor(
    private readonly importer: NdjsonImporter,
    private readonly writer: StreamWriter,
    private readonly projections: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Seeds a store that holds no franchise or source yet, when configured to; true when it did. API
   * keys created before the first start do not count: the store is still empty of history.
   */
  async seedIfEmpty(): Promise<boolean> {
    if (!this.config.seed.onEmpty) return false;
    for await (const event of this.store.readAll()) if (event.streamId !== KEYRING_STREAM) return false;
    const result = await this.seed();
    this.logger.log(`seeded ${result.created} events from ${this.config.seed.file}`);
    return true;
  }

  /**
   * Imports the seed file, and returns once the read models hold it, so that the service's first
   * answers show the whole seed. Running it again records nothing twice.
   */
  async seed(): Promise<ImportProgress> {
    const lines = createInterface({ input: createReadStream(this.config.seed.file), crlfDelay: Infinity });
    const progress = await this.importer.run(lines, {
      recordedBy: SEED_PRINCIPAL,
      administers: true,
      correlationId: 'seed',
    });
    const latest = this.writer.latestPosition();
    if (latest !== undefined) await this.projections.waitFor(latest);
    return progress;
  }
}
