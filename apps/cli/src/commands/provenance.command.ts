import { provenanceJsonLd } from '@app/exports';
import { GetProvenanceQuery } from '@app/queries';
import { INestApplicationContext } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_OK } from '../exit-codes';

/** Every claim's provenance as JSON-LD with PROV-O, with IRIs under `base`: the HTTP API's `/franchises/:id/provenance.jsonld`. */
export async function provenanceCommand(
  app: INestApplicationContext,
  args: { franchiseId: string; base: string },
  io: CliIo,
): Promise<number> {
  const answer = await app.get(QueryBus).execute(new GetProvenanceQuery(args.franchiseId));
  await writeTo(io.stdout, `${JSON.stringify(provenanceJsonLd(answer, args.base), null, 2)}\n`);
  return EXIT_OK;
}
