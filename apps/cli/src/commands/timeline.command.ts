import { AtDate, GetTimelineQuery } from '@app/queries';
import { INestApplicationContext } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { OutputFormat } from '../cli-args';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_OK } from '../exit-codes';
import { timelineAsText } from '../format-text';

/** The franchise's claims in the order things happened: the HTTP API's `/franchises/:id/timeline` answer. */
export async function timelineCommand(
  app: INestApplicationContext,
  args: { franchiseId: string; at: AtDate; format: OutputFormat },
  io: CliIo,
): Promise<number> {
  const answer = await app.get(QueryBus).execute(new GetTimelineQuery(args.franchiseId, args.at));
  await writeTo(io.stdout, args.format === 'text' ? timelineAsText(answer) : `${JSON.stringify(answer, null, 2)}\n`);
  return EXIT_OK;
}
