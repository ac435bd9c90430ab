import { Provider } from '@nestjs/common';
import { ClaimRecorder } from './claim-recorder';
import { AnnounceSequelHandler } from './commands/announce-sequel/announce-sequel.handler';
import { ConfirmTrilogyHandler } from './commands/confirm-trilogy/confirm-trilogy.handler';
import { CreateFranchiseHandler } from './commands/create-franchise/create-franchise.handler';
import { RecordChartRankingHandler } from './commands/record-chart-ranking/record-chart-ranking.handler';
import { RecordGreenlightHandler } from './commands/record-greenlight/record-greenlight.handler';
import { RecordProductionWrapHandler } from './commands/record-production-wrap/record-production-wrap.handler';
import { RecordReleaseHandler } from './commands/record-release/record-release.handler';
import { RecordViewershipMilestoneHandler } from './commands/record-viewership-milestone/record-viewership-milestone.handler';
import { RegisterSourceHandler } from './commands/register-source/register-source.handler';
import { RankSourceHandler } from './commands/rank-source/rank-source.handler';
import { RetractClaimHandler } from './commands/retract-claim/retract-claim.handler';
import { ScheduleReleaseHandler } from './commands/schedule-release/schedule-release.handler';
import { NdjsonImporter } from './import/ndjson-importer';
import { StreamWriter } from './stream-writer';

export const COMMAND_HANDLERS: Provider[] = [
  CreateFranchiseHandler,
  RegisterSourceHandler,
  RecordReleaseHandler,
  ScheduleReleaseHandler,
  RecordViewershipMilestoneHandler,
  AnnounceSequelHandler,
  ConfirmTrilogyHandler,
  RecordGreenlightHandler,
  RecordProductionWrapHandler,
  RecordChartRankingHandler,
  RetractClaimHandler,
  RankSourceHandler,
];

/** Everything the write side needs besides the event store and the clock. */
export const COMMAND_PROVIDERS: Provider[] = [StreamWriter, ClaimRecorder, NdjsonImporter, ...COMMAND_HANDLERS];
