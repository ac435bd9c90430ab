import 'reflect-metadata';
import { ConfigError, loadConfig } from '@app/config';
import { EventStoreUnavailableError } from '@app/event-store';
import { ReadModelDatabaseError, ReadModelMismatchError } from '@app/projections';
import { Seeder } from '@app/service';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp({ config });
  await app.get(Seeder).seedIfEmpty();
  await app.listen(config.http.port, config.http.host);
  new Logger('Main').log(`serving on ${await app.getUrl()} (API docs at /docs)`);
}

main().catch((error: unknown) => {
  // A bad configuration, or a store it cannot reach, open or write, is the operator's to fix: say what, without a stack trace.
  const expected =
    error instanceof ConfigError ||
    error instanceof EventStoreUnavailableError ||
    error instanceof ReadModelDatabaseError ||
    error instanceof ReadModelMismatchError;
  process.stderr.write(`${expected ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
  process.exit(1);
});
