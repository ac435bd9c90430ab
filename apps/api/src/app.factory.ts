import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule, AppOptions } from './app.module';
import { BEARER } from './http/api-key.guard';
import { NestLogger, RequestLog, createLogger } from './http/logging';
import { ReadTurns } from './http/read-turns';
import { securityHeaders } from './http/security-headers';
import { isTraceId } from './http/trace-headers.guard';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { InputValidationPipe } from './http/validation.pipe';
import { serveWebPage } from './http/web-page';

/** The largest request body accepted: far above any claim, far below what could tie up the server. */
export const BODY_LIMIT_BYTES = 256 * 1024;

const OPENAPI = new DocumentBuilder()
  .setTitle('Franchise timeline')
  .setDescription(
    'Dated claims from news sources about film franchises, recorded as immutable events. ' +
      'Ask the history at any date (asOf: what had happened; knownAt: what had been published) ' +
      'and audit which source claimed what.',
  )
  .setVersion('1')
  .addBearerAuth(
    {
      type: 'http',
      scheme: 'bearer',
      description: 'An API key (`npm run cli -- keys create <principal> --scopes write`)',
    },
    BEARER,
  )
  .build();

/** Builds the HTTP application (Fastify: several times Express's throughput) and initialises it. */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const logger = createLogger(options.config, options.logTo);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    // Path ids up to 1,000 characters reach the validation pipe, which answers a too-long one with a
    // 400 naming it, rather than Fastify's own 414 (its default stops at 100).
    new FastifyAdapter({
      loggerInstance: logger,
      logController: new RequestLog(),
      // The client's X-Request-Id names the request only if it is a plain id (TraceHeadersGuard
      // refuses the request otherwise): what lands in logs and events is never the raw header.
      requestIdHeader: false,
      genReqId: (request: { headers: IncomingHttpHeaders }) => {
        const sent = request.headers['x-request-id'];
        return isTraceId(sent) ? sent : randomUUID();
      },
      routerOptions: { maxParamLength: 1000 },
      // A claim's body is well under 2 KB; a larger one is refused (413) before it is parsed.
      bodyLimit: BODY_LIMIT_BYTES,
    }),
    {
      // Silent until the JSON logger below takes over: a module that fails to start (a store that
      // cannot be opened) reaches the caller, which says it in one line, not Nest's stack trace.
      logger: false,
      // Boot failures (an unreachable store) reach the caller, which reports them, instead of exiting here.
      abortOnError: false,
    },
  );
  app.useLogger(new NestLogger(logger));
  const headers = securityHeaders();
  const turns = new ReadTurns(options.config.http.readTurnMs);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    })
    .addHook('onRequest', turns.admit)
    .addHook('onSend', turns.answered);
  const { origins } = options.config.cors;
  if (origins.length > 0) app.enableCors({ origin: origins, exposedHeaders: ['ETag', 'Link', 'Retry-After'] });
  app.useGlobalPipes(new InputValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  // Built on the first request to /docs or /docs-json, not at boot: scanning every route and DTO is
  // start-up work that most runs never use.
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, OPENAPI));
  if (!serveWebPage(app)) logger.warn('the web page is not built (npm run build): / is not served');
  await app.init();
  return app;
}
