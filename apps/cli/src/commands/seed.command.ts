import { ImportLineError } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Seeder } from '@app/service';
import { INestApplicationContext } from '@nestjs/common';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { describeProgress } from '../import-progress';

/** Imports the seed fixture; what was recorded before is counted, not recorded again. */
export async function seedCommand(app: INestApplicationContext, io: CliIo): Promise<number> {
  const file = app.get<AppConfig>(APP_CONFIG).seed.file;
  try {
    const progress = await app.get(Seeder).seed();
    await writeTo(io.stdout, `seeded from ${file}: ${describeProgress(progress)}\n`);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof ImportLineError)) throw error;
    await writeTo(io.stderr, `${file}: ${error.message}\n`);
    return EXIT_FAILED;
  }
}
