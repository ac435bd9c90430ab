import { Provider } from '@nestjs/common';
import { RecordClaimHandler } from './claims/record-claim.handler';
import { CreateFranchiseHandler } from './commands/create-franchise/create-franchise.handler';
import { RankSourceHandler } from './commands/rank-source/rank-source.handler';
import { RegisterSourceHandler } from './commands/register-source/register-source.handler';
import { NdjsonImporter } from './import/ndjson-importer';
import { ApiKeys } from './keys/api-keys';
import { StreamWriter } from './stream-writer';

/** One handler for every kind of claim (driven by the claim-kind table), one each for the other commands. */
export const COMMAND_HANDLERS: Provider[] = [
  RecordClaimHandler,
  CreateFranchiseHandler,
  RegisterSourceHandler,
  RankSourceHandler,
];

/** Everything the write side needs besides the event store and the clock. */
export const COMMAND_PROVIDERS: Provider[] = [StreamWriter, NdjsonImporter, ApiKeys, ...COMMAND_HANDLERS];
