import {
  AnnounceSequelCommand,
  AnnounceSequelDto,
  CommandContext,
  ConfirmTrilogyCommand,
  ConfirmTrilogyDto,
  RecordChartRankingCommand,
  RecordChartRankingDto,
  RecordGreenlightCommand,
  RecordGreenlightDto,
  RecordProductionWrapCommand,
  RecordProductionWrapDto,
  RecordReleaseCommand,
  RecordReleaseDto,
  RecordViewershipMilestoneCommand,
  RecordViewershipMilestoneDto,
  RecordingResult,
  RetractClaimCommand,
  RetractClaimDto,
  ScheduleReleaseCommand,
  ScheduleReleaseDto,
} from '@app/commands';
import { Body, Controller, Param, Post, Res, UseInterceptors, applyDecorators } from '@nestjs/common';
import { Command, CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';
import { RecordingResponse, answer } from './recording-response';
import { WriteContext } from './request-context';

/** The OpenAPI description every claim endpoint shares. */
const ClaimEndpoint = (path: string, summary: string) =>
  applyDecorators(
    Post(path),
    ApiOperation({ summary }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'Append only if the franchise is still at this revision (its ETag)',
    }),
    ApiResponse({ status: 201, type: RecordingResponse, description: 'Recorded' }),
    ApiResponse({ status: 200, type: RecordingResponse, description: 'Already recorded: the original answer' }),
    ApiResponse({ status: 400, description: 'Invalid body (problem+json naming each field)' }),
    ApiResponse({ status: 404, description: 'Unknown franchise' }),
    ApiResponse({ status: 409, description: 'The event id is already used for another claim' }),
    ApiResponse({ status: 412, description: 'The franchise moved past the If-Match revision' }),
    ApiResponse({
      status: 422,
      description: 'The claim breaks a rule (unknown source or film, date after publication)',
    }),
  );

/** One endpoint per kind of claim, each citing the source that made it. */
@ApiTags('claims')
@ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
@Controller('franchises/:franchiseId')
@UseInterceptors(ReadYourWritesInterceptor)
export class ClaimsController {
  constructor(private readonly commandBus: CommandBus) {}

  @ClaimEndpoint('releases', 'A source reports that a film was released')
  recordRelease(
    @Param('franchiseId') id: string,
    @Body() body: RecordReleaseDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(new RecordReleaseCommand(id, body, ctx), reply);
  }

  @ClaimEndpoint('scheduled-releases', 'A source reports that a release was set for a date')
  scheduleRelease(
    @Param('franchiseId') id: string,
    @Body() body: ScheduleReleaseDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(new ScheduleReleaseCommand(id, body, ctx), reply);
  }

  @ClaimEndpoint('viewership-milestones', 'A source reports the views a film reached')
  recordViewership(
    @Param('franchiseId') id: string,
    @Body() body: RecordViewershipMilestoneDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(new RecordViewershipMilestoneCommand(id, body, ctx), reply);
  }

  @ClaimEndpoint('sequel-announcements', 'A source reports that a sequel was announced')
  announceSequel(
    @Param('franchiseId') id: string,
    @Body() body: AnnounceSequelDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(new AnnounceSequelCommand(id, body, ctx), reply);
  }

  @ClaimEndpoint('trilogy-confirmations', 'A source reports that a trilogy was confirmed')
  confirmTrilogy(
    @Param('franchiseId') id: string,
    @Body() body: ConfirmTrilogyDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(new ConfirmTrilogyCommand(id, body, ctx), reply);
  }

  @ClaimEndpoint('greenlights', 'A source reports that a film was greenlit')
  recordGreenlight(
    @Param('franchiseId') id: string,
    @Body() body: RecordGreenlightDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(new RecordGreenlightCommand(id, body, ctx), reply);
  }

  @ClaimEndpoint('production-wraps', "A source reports that a film's shooting ended")
  recordProductionWrap(
    @Param('franchiseId') id: string,
    @Body() body: RecordProductionWrapDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(new RecordProductionWrapCommand(id, body, ctx), reply);
  }

  @ClaimEndpoint('chart-rankings', 'A source reports a chart position a film reached')
  recordChartRanking(
    @Param('franchiseId') id: string,
    @Body() body: RecordChartRankingDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(new RecordChartRankingCommand(id, body, ctx), reply);
  }

  @ClaimEndpoint('retractions', 'A source withdraws an earlier claim (`eventId` names it); nothing is deleted')
  retractClaim(
    @Param('franchiseId') id: string,
    @Body() body: RetractClaimDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(new RetractClaimCommand(id, body, ctx), reply);
  }

  private async run(command: Command<RecordingResult>, reply: FastifyReply): Promise<RecordingResponse> {
    return answer(reply, await this.commandBus.execute(command));
  }
}
