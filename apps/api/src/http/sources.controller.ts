import {
  CommandContext,
  RankSourceCommand,
  RankSourceDto,
  RegisterSourceCommand,
  RegisterSourceDto,
} from '@app/commands';
import { GetSourceClaimsQuery, GetSourceQuery, ListSourcesQuery, PageDto, pageRequest } from '@app/queries';
import { Body, Controller, Get, Param, Post, Put, Query, Res, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { NextPageLinkInterceptor } from './next-page-link.interceptor';
import { ResponseCacheInterceptor } from './response-cache.interceptor';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';
import { RecordingResponse, answer } from './recording-response';
import { RequiresScope } from './api-key.guard';
import { WriteContext } from './request-context';

@ApiTags('sources')
@Controller('sources')
export class SourcesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @RequiresScope('write')
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiOperation({ summary: 'Register a source; the same id and details again answer 200, other details 409' })
  @ApiResponse({ status: 201, type: RecordingResponse })
  async register(
    @Body() body: RegisterSourceDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answer(reply, await this.commandBus.execute(new RegisterSourceCommand(body, ctx)));
  }

  @Put(':sourceId/reliability')
  @ApiParam({ name: 'sourceId', example: 'article-000' })
  @RequiresScope('admin')
  @UseInterceptors(ReadYourWritesInterceptor)
  @ApiOperation({ summary: 'Rank how far a source is trusted (admin); decides disputes under policy=trusted' })
  @ApiResponse({ status: 201, type: RecordingResponse })
  @ApiResponse({ status: 404, description: 'Unknown source' })
  async rank(
    @Param('sourceId') id: string,
    @Body() body: RankSourceDto,
    @WriteContext() ctx: CommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return answer(reply, await this.commandBus.execute(new RankSourceCommand(id, body, ctx)));
  }

  @Get()
  @UseInterceptors(ResponseCacheInterceptor, NextPageLinkInterceptor)
  @ApiOperation({ summary: 'Every source, first published first; paged' })
  list(@Query() query: PageDto) {
    return this.queryBus.execute(new ListSourcesQuery(pageRequest(query)));
  }

  @Get(':sourceId')
  @ApiParam({ name: 'sourceId', example: 'article-000' })
  get(@Param('sourceId') id: string) {
    return this.queryBus.execute(new GetSourceQuery(id));
  }

  @Get(':sourceId/claims')
  @ApiParam({ name: 'sourceId', example: 'article-000' })
  @UseInterceptors(ResponseCacheInterceptor, NextPageLinkInterceptor)
  @ApiOperation({ summary: 'Every event that cites the source, in recording order; paged' })
  claims(@Param('sourceId') id: string, @Query() query: PageDto) {
    return this.queryBus.execute(new GetSourceClaimsQuery(id, pageRequest(query)));
  }
}
