import { FactKey, RESOLUTION_POLICIES, ResolutionPolicy } from '@app/domain';
import { IsEdtfDate, IsSlug } from '@app/validation';
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

/** The time axes, and the policy settling disputed facts: for reads that resolve facts. */
export class ResolvedAtDateDto extends AtDateDto {
  @ApiPropertyOptional({
    description:
      'How a disputed fact is settled: majority (default: most sources), latest (most recently published claim), ' +
      'earliest (first published), trusted (highest source reliability rank, see PUT /sources/{id}/reliability)',
    enum: RESOLUTION_POLICIES,
    example: 'trusted',
  })
  @IsOptional()
  @IsIn(RESOLUTION_POLICIES)
  policy?: ResolutionPolicy;
}

const FACT_FIELDS = ['releasedOn', 'scheduledFor', 'views', 'announcedOn', 'confirmedOn', 'greenlitOn', 'wrappedOn'];

/** The ledger's parameters: the time axes, the policy, and which facts to show. */
export class LedgerQueryDto extends ResolvedAtDateDto {
  @ApiPropertyOptional({ description: 'Only this fact', enum: FACT_FIELDS, example: 'releasedOn' })
  @IsOptional()
  @IsIn(FACT_FIELDS)
  field?: FactKey['field'];

  @ApiPropertyOptional({ description: 'Only facts about this film', example: 'balle-perdue-1' })
  @IsOptional()
  @IsSlug()
  filmId?: string;
}
