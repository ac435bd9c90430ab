import { CommandContext, CreateFranchiseCommand, CreateFranchiseDto } from '@app/commands';
import {
  ChangesQueryDto,
  GetChangesQuery,
  GetClaimsLedgerQuery,
  LedgerQueryDto,
  PageDto,
  ResolvedAtDateDto,
  GetFranchiseEventsQuery,
  GetFranchiseQuery,
  GetFranchiseStateQuery,
  GetLastRecordedQuery,
  GetProvenanceQuery,
  GetReleaseCalendarQuery,
  GetReleaseClaimsQuery,
  GetTimelineQuery,
  ListFranchisesQuery,
  PolicyDto,
  WikidataItemsDto,
  TimelineQueryDto,
  pageRequest,
} from '@app/queries';
import { CLOCK } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Clock } from '@app/domain';
import {
  parseItemMapping,
  provenanceJsonLd,
  recordedAtom,
  releaseCalendarIcs,
  releaseQuickStatements,
} from '@app/exports';
import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseInterceptors,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiHeader, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { NextPageLinkInterceptor } from './next-page-link.interceptor';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';
import { ResponseCacheInterceptor } from './response-cache.interceptor';
import { sendEventStream } from './event-stream';
import { TimelineStream } from './timeline-stream';
import { RecordingResponse, answer } from './recording-response';
import { RequiresScope } from './api-key.guard';
import { WriteContext, etagOf } from './request-context';

/** How many claims the Atom feed holds: a reader polls it, and the changes endpoint has the rest. */
const FEED_ENTRIES = 100;

@ApiTags('franchises')
@Controller('franchises')
export class FranchisesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
    private readonly timelineStream: TimelineStream,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The base of the links an export writes: PUBLIC_URL, or else where this request came in. */
  private baseOf(request: FastifyRequest): string {
    return this.config.http.publicUrl ?? `${request.protocol}://${request.host}`;
  }

  @Post()
  @RequiresScope('write')
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
  @UseInterceptors(ResponseCacheInterceptor, NextPageLinkInterceptor)
  @ApiOperation({ summary: 'Every franchise, by id; paged' })
  list(@Query() query: PageDto) {
    return this.queryBus.execute(new ListFranchisesQuery(pageRequest(query)));
  }

  @Get(':franchiseId')
  @UseInterceptors(ResponseCacheInterceptor)
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({ summary: 'A franchise, with its current revision as ETag (send it back in If-Match)' })
  @ApiResponse({ status: 404, description: 'Unknown franchise' })
  async get(@Param('franchiseId') id: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const franchise = await this.queryBus.execute(new GetFranchiseQuery(id));
    reply.header('ETag', etagOf(franchise.revision));
    return franchise;
  }

  @Get(':franchiseId/state')
  @UseInterceptors(ResponseCacheInterceptor)
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({
    summary:
      'Films, status, peak views, sequel and trilogy, with disputed facts and view counts by window, at any date',
  })
  state(@Param('franchiseId') id: string, @Query() query: ResolvedAtDateDto) {
    return this.queryBus.execute(new GetFranchiseStateQuery(id, query, query.policy));
  }

  @Get(':franchiseId/timeline')
  @UseInterceptors(ResponseCacheInterceptor, NextPageLinkInterceptor)
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({ summary: 'Claims in the order things happened, at any date; paged' })
  timeline(@Param('franchiseId') id: string, @Query() query: TimelineQueryDto) {
    const { asOf, knownAt, recordedBefore, mode } = query;
    return this.queryBus.execute(new GetTimelineQuery(id, { asOf, knownAt, recordedBefore, mode }, pageRequest(query)));
  }

  @Get(':franchiseId/timeline/stream')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'The id of the last entry received: resume after it',
  })
  @ApiProduces('text/event-stream')
  @ApiOperation({
    summary: 'Each new timeline entry as it is recorded, as Server-Sent Events (`entry`, id = recording order)',
  })
  async stream(
    @Param('franchiseId') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Headers('last-event-id') lastEventId?: string,
  ): Promise<void> {
    sendEventStream(request, reply, await this.timelineStream.open(id, lastEventId));
  }

  @Get(':franchiseId/claims')
  @UseInterceptors(ResponseCacheInterceptor, NextPageLinkInterceptor)
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({
    summary:
      'The claims ledger: every value each source claimed for each fact, each claim’s standing, the value believed, why, and who first claimed it; paged over claims',
  })
  claims(@Param('franchiseId') id: string, @Query() query: LedgerQueryDto) {
    const { asOf, knownAt, recordedBefore, mode, policy, field, filmId } = query;
    return this.queryBus.execute(
      new GetClaimsLedgerQuery(
        id,
        { asOf, knownAt, recordedBefore, mode },
        policy,
        { field, filmId },
        pageRequest(query),
      ),
    );
  }

  @Get(':franchiseId/changes')
  @UseInterceptors(ResponseCacheInterceptor, NextPageLinkInterceptor)
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({
    summary: 'What was added, withdrawn or changed between two points on one axis (asOf, knownAt or recorded); paged',
  })
  changes(@Param('franchiseId') id: string, @Query() query: ChangesQueryDto) {
    return this.queryBus.execute(
      new GetChangesQuery(id, query.axis, query.from, query.to, query.mode, pageRequest(query)),
    );
  }

  @Get(':franchiseId/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({
    summary:
      'The films’ release dates as an iCalendar feed: an exact day confirmed, an uncertain date a tentative all-day span; SEQUENCE counts the changes',
  })
  @ApiResponse({ status: 200, content: { 'text/calendar': {} } })
  async calendar(@Param('franchiseId') id: string, @Query() query: PolicyDto): Promise<string> {
    const answer = await this.queryBus.execute(new GetReleaseCalendarQuery(id, query.policy));
    return releaseCalendarIcs(answer);
  }

  @Get(':franchiseId/changes.atom')
  @Header('content-type', 'application/atom+xml; charset=utf-8')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({
    summary: `The last ${FEED_ENTRIES} claims recorded (retractions too), the last first, as an Atom feed for feed readers`,
  })
  @ApiResponse({ status: 200, content: { 'application/atom+xml': {} } })
  async feed(@Param('franchiseId') id: string, @Req() request: FastifyRequest): Promise<string> {
    const { title, entries } = await this.queryBus.execute(new GetLastRecordedQuery(id, FEED_ENTRIES));
    return recordedAtom({ id, title }, entries, this.baseOf(request), this.clock.now());
  }

  @Get(':franchiseId/provenance.jsonld')
  @Header('content-type', 'application/ld+json; charset=utf-8')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({
    summary:
      'Every claim as a W3C PROV-O entity in JSON-LD: attributed to its source, derived from its origin, generated by its recording, invalidated by its retraction',
  })
  @ApiResponse({ status: 200, content: { 'application/ld+json': {} } })
  async provenance(@Param('franchiseId') id: string, @Req() request: FastifyRequest): Promise<object> {
    const answer = await this.queryBus.execute(new GetProvenanceQuery(id));
    return provenanceJsonLd(answer, this.baseOf(request));
  }

  @Get(':franchiseId/quickstatements')
  @Header('content-type', 'text/plain; charset=utf-8')
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({
    summary:
      'The films’ release dates believed as Wikidata QuickStatements (P577 at its precision, a reference per source backing it), for the items given',
  })
  @ApiResponse({ status: 200, content: { 'text/plain': {} } })
  async quickStatements(@Param('franchiseId') id: string, @Query() query: WikidataItemsDto): Promise<string> {
    const { ledger, sources } = await this.queryBus.execute(new GetReleaseClaimsQuery(id, query.policy));
    const items = { films: parseItemMapping(query.items), sources: parseItemMapping(query.sources) };
    return releaseQuickStatements(ledger, sources, items);
  }

  @Get(':franchiseId/events')
  @UseInterceptors(NextPageLinkInterceptor)
  @ApiParam({ name: 'franchiseId', example: 'balle-perdue' })
  @ApiOperation({ summary: 'The raw event stream with revisions, recordedAt and recordedBy; paged by revision' })
  events(@Param('franchiseId') id: string, @Query() query: PageDto) {
    return this.queryBus.execute(new GetFranchiseEventsQuery(id, pageRequest(query)));
  }
}
