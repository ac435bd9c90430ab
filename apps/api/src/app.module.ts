import { ServiceModule, ServiceModuleOptions } from '@app/service';
import { DynamicModule, Module } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './http/api-key.guard';
import { TraceHeadersGuard } from './http/trace-headers.guard';
import { PER_ADDRESS, PER_KEY, TRACKERS, WriteRateLimitGuard } from './http/write-rate-limit.guard';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { ClaimsController } from './http/claims.controller';
import { FranchisesController } from './http/franchises.controller';
import { HealthController } from './http/health.controller';
import { ReadYourWritesInterceptor } from './http/read-your-writes.interceptor';
import { SourcesController } from './http/sources.controller';
import { TimelineStream } from './http/timeline-stream';

export interface AppOptions extends ServiceModuleOptions {
  /** Where the JSON log lines go: standard output unless a test captures them. */
  logTo?: DestinationStream;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceModule.forRoot(options),
        // Its own log line for each failed probe would repeat, every few seconds, what is logged once where it fails.
        TerminusModule.forRoot({ logger: false }),
        ThrottlerModule.forRoot({
          throttlers: [
            { name: PER_KEY, limit: options.config.rateLimits.perKey },
            { name: PER_ADDRESS, limit: options.config.rateLimits.perAddress },
          ]
            .filter(({ limit }) => limit > 0)
            .map((throttler) => ({ ...throttler, ttl: 60_000, getTracker: TRACKERS[throttler.name] })),
        }),
      ],
      controllers: [HealthController, FranchisesController, ClaimsController, SourcesController],
      // Guards run in this order: a malformed request is refused before its key is looked up.
      providers: [
        ReadYourWritesInterceptor,
        TimelineStream,
        { provide: APP_GUARD, useClass: TraceHeadersGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: WriteRateLimitGuard },
      ],
    };
  }
}
