import { ImportLineError, ImportProgress, NdjsonImporter } from '@app/commands';
import { INestApplicationContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CLI_PRINCIPAL } from '../cli-principal';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';
import { describeProgress } from '../import-progress';

export const PROGRESS_EVERY = 100;

/**
 * Runs an NDJSON file of commands (`-`: stdin) through the importer. Stops at the first invalid
 * line; the lines before it stay recorded. Event ids derive from each claim's content, so the
 * same file imported again, whole or after an interruption, records nothing twice.
 */
export async function importCommand(app: INestApplicationContext, args: { file: string }, io: CliIo): Promise<number> {
  const name = args.file === '-' ? 'stdin' : args.file;
  const input = args.file === '-' ? io.stdin : createReadStream(args.file);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let reported = 0;
  const report = (progress: ImportProgress) => {
    if (progress.line - reported < PROGRESS_EVERY) return;
    reported = progress.line;
    io.stderr.write(`${name}: ${describeProgress(progress)}\n`);
  };
  try {
    const progress = await app
      .get(NdjsonImporter)
      .run(lines, { recordedBy: CLI_PRINCIPAL, administers: true, correlationId: `import-${randomUUID()}` }, report);
    await writeTo(io.stdout, `imported ${name}: ${describeProgress(progress)}\n`);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof ImportLineError)) throw error;
    const before = { ...error.progress, line: error.line - 1 };
    await writeTo(
      io.stderr,
      `${error.message}\n${name}: stopped at line ${error.line}; before it, ${describeProgress(before)}\n`,
    );
    return EXIT_FAILED;
  } finally {
    lines.close();
  }
}
