import { IsEdtfDate } from '@app/validation';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';

/** The time axes of every read, as query parameters or CLI options; see `AtDate`. */
export class AtDateDto {
  @ApiPropertyOptional({
    description: 'Only what had happened by this date (EDTF; by its last possible day)',
    example: '2020-07-01',
  })
  @IsOptional()
  @IsEdtfDate()
  asOf?: string;

  @ApiPropertyOptional({
    description: 'Only what sources had published by this date (EDTF; by its last possible day)',
    example: '2020-08-31',
  })
  @IsOptional()
  @IsEdtfDate()
  knownAt?: string;

  @ApiPropertyOptional({
    description: 'Answer as the service would have at this instant: only what it had recorded before (ISO timestamp)',
    example: '2026-11-23T10:00:00Z',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'recordedBefore must be an ISO 8601 timestamp' })
  recordedBefore?: string;

  @ApiPropertyOptional({
    description:
      'certain (default): count what certainly happened and was published by the dates (latest possible day); ' +
      'possible: also what only may have (earliest possible day). Each answer says which is which.',
    enum: ['certain', 'possible'],
    example: 'possible',
  })
  @IsOptional()
  @IsIn(['certain', 'possible'])
  mode?: 'certain' | 'possible';
}
