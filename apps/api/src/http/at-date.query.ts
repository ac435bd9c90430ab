import { IsEdtfDate } from '@app/commands';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';

export class AtDateQuery {
  @ApiPropertyOptional({
    description: 'Only what had happened by this date (YYYY, YYYY-MM or YYYY-MM-DD)',
    example: '2020-07-01',
  })
  @IsOptional()
  @IsEdtfDate()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Only what sources had published by this date', example: '2020-08-31' })
  @IsOptional()
  @IsEdtfDate()
  knownAt?: string;
}
