import { ProjectionRunner } from '@app/projections';
import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly projections: ProjectionRunner) {}

  @Get()
  @ApiOperation({ summary: 'Liveness, with each projection’s checkpoint' })
  health() {
    return { status: 'ok', ...this.projections.status() };
  }
}
