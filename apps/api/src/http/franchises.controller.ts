import { CommandContext, CreateFranchiseCommand, CreateFranchiseDto } from '@app/commands';
import {
  AtDateDto,
  ChangesQueryDto,
  GetChangesQuery,
  GetClaimsLedgerQuery,
  LedgerQueryDto,
  ResolvedAtDateDto,
  GetFranchiseEventsQuery,
  GetFranchiseQuery,
  GetFranchiseStateQuery,
  GetTimelineQuery,
  ListFranchisesQuery,
} from '@app/queries';
import { Body, Controller, Get, Param, Post, Query, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';
import { RecordingResponse, answer } from './recording-response';
import { WriteContext, etagOf } from './request-context';

@ApiTags('franchises')
@Controller('franchises')
export class FranchisesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiOperation({ summary: 'Create a franchise; the same details again answer 200, other details 409' })
  @ApiResponse({ status: 201, type: RecordingResponse })
  async create(
    @Body() body: CreateFranchiseDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answer(reply, await this.commandBus.execute(new CreateFranchiseCommand(body, ctx)));
  }

  @Get()
  @ApiOperation({ summary: 'Every franchise' })
  list() {
    return this.queryBus.execute(new ListFranchisesQuery());
  }

  @Get(':franchiseId')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({ summary: 'A franchise, with its current revision as ETag (send it back in If-Match)' })
  @ApiResponse({ status: 404, description: 'Unknown franchise' })
  async get(@Param('franchiseId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const franchise = await this.queryBus.execute(new GetFranchiseQuery(id));
    reply.header('ETag', etagOf(franchise.revision));
    return franchise;
  }

  @Get(':franchiseId/state')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({ summary: 'Films, status, peak views, sequel and trilogy, with disputed facts, at any date' })
  state(@Param('franchiseId') id: string, @Query() query: ResolvedAtDateDto) {
    return this.queryBus.execute(new GetFranchiseStateQuery(id, query, query.policy));
  }

  @Get(':franchiseId/timeline')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({ summary: 'Claims in the order things happened, at any date' })
  timeline(@Param('franchiseId') id: string, @Query() at: AtDateDto) {
    return this.queryBus.execute(new GetTimelineQuery(id, at));
  }

  @Get(':franchiseId/claims')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({
    summary:
      'The claims ledger: every value each source claimed for each fact, each claim’s standing, the value believed, why, and who first claimed it',
  })
  claims(@Param('franchiseId') id: string, @Query() query: LedgerQueryDto) {
    const { field, filmId } = query;
    return this.queryBus.execute(new GetClaimsLedgerQuery(id, query, query.policy, { field, filmId }));
  }

  @Get(':franchiseId/changes')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({
    summary: 'What was added, withdrawn or changed between two points on one axis (asOf, knownAt or recorded)',
  })
  changes(@Param('franchiseId') id: string, @Query() query: ChangesQueryDto) {
    return this.queryBus.execute(new GetChangesQuery(id, query.axis, query.from, query.to, query.mode));
  }

  @Get(':franchiseId/events')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({ summary: 'The raw event stream with revisions, recordedAt and recordedBy' })
  events(@Param('franchiseId') id: string) {
    return this.queryBus.execute(new GetFranchiseEventsQuery(id));
  }
}
