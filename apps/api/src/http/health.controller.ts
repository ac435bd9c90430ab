import { ServiceHealth } from '@app/service';
import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from './api-key.guard';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly health: ServiceHealth,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'How the service is: the store reachable, the read models’ start, lag and checkpoints',
    description:
      '`degraded` while the store is unreachable or the read models lag more than HEALTH_MAX_LAG events: ' +
      'reads are still served from the read models, writes may fail. Always 200 while the process runs.',
  })
  async summary() {
    const [store, readModels] = await Promise.all([this.health.eventStore(), this.health.readModels()]);
    const ok = store.reachable && readModels.subscription === 'live' && !behind(readModels);
    return { status: ok ? 'ok' : 'degraded', store: { reachable: store.reachable }, ...readModels };
  }

  @Get('live')
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: the process answers (restart it if not)' })
  live() {
    return this.checks.check([]);
  }

  @Get('ready')
  @Public()
  @HealthCheck()
  @ApiOperation({
    summary: 'Readiness: the store answers and the read models are caught up within HEALTH_MAX_LAG events',
    description: '503 otherwise, naming what is down; reads keep being served from the read models meanwhile.',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      return await this.checks.check([
        async () => {
          const store = await this.health.eventStore();
          // Why it is down may name internal hosts: logged by ServiceHealth, not served here.
          const indicator = this.indicators.check('eventStore');
          return store.reachable ? indicator.up() : indicator.down();
        },
        async () => {
          const { subscription, lag, lagAtLeast, maxLag, ...readModels } = await this.health.readModels();
          const details = { subscription, lag, lagAtLeast, maxLag, start: readModels.readModels };
          const indicator = this.indicators.check('readModels');
          return behind({ lag, maxLag }) ? indicator.down(details) : indicator.up(details);
        },
      ]);
    } catch (error) {
      // Terminus answers a failed check with an exception carrying the report: served as is, with 503.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(503);
      return error.getResponse();
    }
  }
}

/** Too far behind the log to serve: more than the lag allowed, or not known (the log cannot be read). */
const behind = ({ lag, maxLag }: { lag: number | null; maxLag: number }) => lag === null || lag > maxLag;
