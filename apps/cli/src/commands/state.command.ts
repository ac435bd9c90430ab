import { GetFranchiseStateQuery } from '@app/queries';
import { INestApplicationContext } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { OutputFormat, ResolvedAt } from '../cli-args';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_OK } from '../exit-codes';
import { stateAsText } from '../format-text';

/** The franchise at the given dates: the HTTP API's `/franchises/:id/state` answer. */
export async function stateCommand(
  app: INestApplicationContext,
  args: { franchiseId: string; at: ResolvedAt; format: OutputFormat },
  io: CliIo,
): Promise<number> {
  const answer = await app.get(QueryBus).execute(new GetFranchiseStateQuery(args.franchiseId, args.at, args.at.policy));
  await writeTo(io.stdout, args.format === 'text' ? stateAsText(answer) : `${JSON.stringify(answer, null, 2)}\n`);
  return EXIT_OK;
}
