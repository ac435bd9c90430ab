import { Type } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import { CommandContext } from './command-context';
import { AnnounceSequelCommand } from './commands/announce-sequel/announce-sequel.command';
import { AnnounceSequelDto } from './commands/announce-sequel/announce-sequel.dto';
import { ConfirmTrilogyCommand } from './commands/confirm-trilogy/confirm-trilogy.command';
import { ConfirmTrilogyDto } from './commands/confirm-trilogy/confirm-trilogy.dto';
import { CreateFranchiseCommand } from './commands/create-franchise/create-franchise.command';
import { CreateFranchiseDto } from './commands/create-franchise/create-franchise.dto';
import { RecordChartRankingCommand } from './commands/record-chart-ranking/record-chart-ranking.command';
import { RecordChartRankingDto } from './commands/record-chart-ranking/record-chart-ranking.dto';
import { RecordGreenlightCommand } from './commands/record-greenlight/record-greenlight.command';
import { RecordGreenlightDto } from './commands/record-greenlight/record-greenlight.dto';
import { RecordProductionWrapCommand } from './commands/record-production-wrap/record-production-wrap.command';
import { RecordProductionWrapDto } from './commands/record-production-wrap/record-production-wrap.dto';
import { RecordReleaseCommand } from './commands/record-release/record-release.command';
import { RecordReleaseDto } from './commands/record-release/record-release.dto';
import { RecordViewershipMilestoneCommand } from './commands/record-viewership-milestone/record-viewership-milestone.command';
import { RecordViewershipMilestoneDto } from './commands/record-viewership-milestone/record-viewership-milestone.dto';
import { RegisterSourceCommand } from './commands/register-source/register-source.command';
import { RegisterSourceDto } from './commands/register-source/register-source.dto';
import { RetractClaimCommand } from './commands/retract-claim/retract-claim.command';
import { RetractClaimDto } from './commands/retract-claim/retract-claim.dto';
import { ScheduleReleaseCommand } from './commands/schedule-release/schedule-release.command';
import { ScheduleReleaseDto } from './commands/schedule-release/schedule-release.dto';
import { RecordingResult } from './recording-result';

/** How a command named in an import line is validated and built. */
export interface CatalogEntry<D extends object = object> {
  dto: Type<D>;
  /** Claims name their franchise in `franchiseId`; the HTTP API takes it from the path. */
  franchiseScoped: boolean;
  build(dto: D, context: CommandContext, franchiseId: string): Command<RecordingResult>;
}

const standalone = <D extends object>(
  dto: Type<D>,
  command: new (dto: D, context: CommandContext) => Command<RecordingResult>,
): CatalogEntry<D> => ({ dto, franchiseScoped: false, build: (body, context) => new command(body, context) });

const claim = <D extends object>(
  dto: Type<D>,
  command: new (franchiseId: string, dto: D, context: CommandContext) => Command<RecordingResult>,
): CatalogEntry<D> => ({
  dto,
  franchiseScoped: true,
  build: (body, context, franchiseId) => new command(franchiseId, body, context),
});

/** Every command the NDJSON import understands, by the name an import line gives it. */
export const COMMAND_CATALOG: Record<string, CatalogEntry<any>> = {
  'create-franchise': standalone(CreateFranchiseDto, CreateFranchiseCommand),
  'register-source': standalone(RegisterSourceDto, RegisterSourceCommand),
  'record-release': claim(RecordReleaseDto, RecordReleaseCommand),
  'schedule-release': claim(ScheduleReleaseDto, ScheduleReleaseCommand),
  'record-viewership-milestone': claim(RecordViewershipMilestoneDto, RecordViewershipMilestoneCommand),
  'announce-sequel': claim(AnnounceSequelDto, AnnounceSequelCommand),
  'confirm-trilogy': claim(ConfirmTrilogyDto, ConfirmTrilogyCommand),
  'record-greenlight': claim(RecordGreenlightDto, RecordGreenlightCommand),
  'record-production-wrap': claim(RecordProductionWrapDto, RecordProductionWrapCommand),
  'record-chart-ranking': claim(RecordChartRankingDto, RecordChartRankingCommand),
  'retract-claim': claim(RetractClaimDto, RetractClaimCommand),
};
