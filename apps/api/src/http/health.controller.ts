import { ProjectionRunner } from '@app/projections';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './api-key.guard';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly projections: ProjectionRunner) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness, with each projection’s checkpoint' })
  health() {
    const status = this.projections.status();
    // Still alive while the store is away: reads are served from the read models, writes get 503.
    return { status: status.subscription === 'reconnecting' ? 'degraded' : 'ok', ...status };
  }
}
