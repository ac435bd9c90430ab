import { CLOCK } from '@app/commands';
import { Clock } from '@app/domain';
import { recordedAtom } from '@app/exports';
import { GetLastRecordedQuery } from '@app/queries';
import { INestApplicationContext } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_OK } from '../exit-codes';

/** The last claims recorded as an Atom feed, with links under `base`: the HTTP API's `/franchises/:id/changes.atom`. */
export async function feedCommand(
  app: INestApplicationContext,
  args: { franchiseId: string; base: string; limit: number },
  io: CliIo,
): Promise<number> {
  const { title, entries } = await app.get(QueryBus).execute(new GetLastRecordedQuery(args.franchiseId, args.limit));
  await writeTo(
    io.stdout,
    recordedAtom({ id: args.franchiseId, title }, entries, args.base, app.get<Clock>(CLOCK).now()),
  );
  return EXIT_OK;
}
