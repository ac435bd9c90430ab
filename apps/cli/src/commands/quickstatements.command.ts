import { ResolutionPolicy } from '@app/domain';
import { WikidataItems, releaseQuickStatements } from '@app/exports';
import { GetClaimsLedgerQuery, ListSourcesQuery } from '@app/queries';
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
  const queries = app.get(QueryBus);
  const ledger = await queries.execute(
    new GetClaimsLedgerQuery(args.franchiseId, {}, args.policy, { field: 'releasedOn' }),
  );
  await writeTo(io.stdout, releaseQuickStatements(ledger, await queries.execute(new ListSourcesQuery()), args.items));
  return EXIT_OK;
}
