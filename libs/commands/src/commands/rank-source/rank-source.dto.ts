import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalTextField } from '../../validation/fields';

/** How far a source is trusted, for the `trusted` resolution policy. */
export class RankSourceDto {
  @ApiProperty({
    description: 'Reliability rank from 0 (unranked) to 100; higher wins under policy=trusted',
    example: 80,
  })
  @IsInt()
  @Min(0)
  @Max(100)
  rank!: number;

  @OptionalTextField('Why the source gets this rank', 'Primary source: Netflix’s own announcement')
  reason?: string;
}
