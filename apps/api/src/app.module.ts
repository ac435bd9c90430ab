import { ServiceModule, ServiceModuleOptions } from '@app/service';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './http/api-key.guard';
import { TraceHeadersGuard } from './http/trace-headers.guard';
import { ClaimsController } from './http/claims.controller';
import { FranchisesController } from './http/franchises.controller';
import { HealthController } from './http/health.controller';
import { ReadYourWritesInterceptor } from './http/read-your-writes.interceptor';
import { SourcesController } from './http/sources.controller';

@Module({})
export class AppModule {
  static forRoot(options: ServiceModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceModule.forRoot(options)],
      controllers: [HealthController, FranchisesController, ClaimsController, SourcesController],
      // Guards run in this order: a malformed request is refused before its key is looked up.
      providers: [
        ReadYourWritesInterceptor,
        { provide: APP_GUARD, useClass: TraceHeadersGuard },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
    };
  }
}
