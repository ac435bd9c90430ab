import { Verifier } from '@app/projections';
import { INestApplicationContext } from '@nestjs/common';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_FAILED, EXIT_OK } from '../exit-codes';

/** `verify`: the log's integrity and the read models against a rebuild; a line per problem, exit 1 if any. */
export async function verifyCommand(app: INestApplicationContext, io: CliIo): Promise<number> {
  const { events, problems, unlisted } = await app.get(Verifier).verify();
  if (problems.length === 0) {
    await writeTo(io.stdout, `verified ${events} events: the log is whole and every read model equals a rebuild\n`);
    return EXIT_OK;
  }
  const more = unlisted > 0 ? `\n… and ${unlisted} more` : '';
  await writeTo(io.stderr, `${problems.map((p) => `- ${p}`).join('\n')}${more}\n`);
  await writeTo(io.stdout, `verified ${events} events: ${problems.length + unlisted} problems\n`);
  return EXIT_FAILED;
}
