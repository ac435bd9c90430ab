import { AppConfig } from '@app/config';
import { DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, LevelWithSilent } from 'pino';

/** Nest's level names → pino's. */
const PINO_LEVELS: Record<AppConfig['logLevel'], LevelWithSilent> = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Structured JSON logs, one line each, every line logged during a request carrying its `reqId`
 * (the client's valid `X-Request-Id`, or a fresh UUID: Fastify's request id). A request is logged
 * as method, URL, address and status only: never its headers, so no API key reaches a log.
 */
export function loggingModule(config: AppConfig, destination?: DestinationStream): DynamicModule {
  const options = {
    level: PINO_LEVELS[config.logLevel],
    // The id Fastify gave the request: the same one its events record as their causation.
    genReqId: (request: IncomingMessage & { id?: unknown }) => String(request.id),
    serializers: {
      req: (request: IncomingMessage & { id?: unknown }) => ({
        id: request.id,
        method: request.method,
        url: request.url,
        // Set on the raw request by Fastify's middleware layer (the socket's, or the proxy's client with trustProxy).
        remoteAddress: (request as { ip?: string }).ip,
      }),
      res: (response: ServerResponse) => ({ statusCode: response.statusCode }),
    },
    // Health probes every few seconds would drown the log.
    autoLogging: { ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false },
  };
  return LoggerModule.forRoot({ pinoHttp: destination ? [options, destination] : options });
}
