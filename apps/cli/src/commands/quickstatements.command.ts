import { ResolutionPolicy } from '@app/domain';
import { WikidataItems, releaseQuickStatements } from '@app/exports';
import { GetReleaseClaimsQuery } from '@app/queries';
import { INestApplicationContext } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_OK } from '../exit-codes';

/** The films' release dates as Wikidata QuickStatements, for the items given: the HTTP API's `/franchises/:id/quickstatements`. */
export async function quickStatementsCommand(
  app: INestApplicationContext,
  args: { franchiseId: string; items: WikidataItems; policy?: ResolutionPolicy },
  io: CliIo,
): Promise<number> {
  const { ledger, sources } = await app.get(QueryBus).execute(new GetReleaseClaimsQuery(args.franchiseId, args.policy));
  await writeTo(io.stdout, releaseQuickStatements(ledger, sources, args.items));
  return EXIT_OK;
}
