import { EdtfDate, FACT_FIELDS, FactKey, RESOLUTION_POLICIES, ResolutionPolicy } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { IsEdtfDate, IsSlug } from '@app/validation';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  IsIn,
  IsISO8601,
  IsOptional,
  Matches,
  ValidationArguments,
  isISO8601,
  registerDecorator,
} from 'class-validator';
import { PageDto } from './paging/page.dto';

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

/** The time axes and a page: for the timeline. */
export class TimelineQueryDto extends IntersectionType(AtDateDto, PageDto) {}

const PolicyField = () =>
  applyDecorators(
    ApiPropertyOptional({
      description:
        'How a disputed fact is settled: majority (default: most independent origins), latest (most recently published claim, a relay dated by its origin), ' +
        'earliest (first published), trusted (highest source reliability rank, see PUT /sources/{id}/reliability)',
      enum: RESOLUTION_POLICIES,
      example: 'trusted',
    }),
    IsOptional(),
    IsIn(RESOLUTION_POLICIES),
  );

/** The time axes, and the policy settling disputed facts: for reads that resolve facts. */
export class ResolvedAtDateDto extends AtDateDto {
  @PolicyField()
  policy?: ResolutionPolicy;
}

/** The policy alone: for exports of what is believed now. */
export class PolicyDto {
  @PolicyField()
  policy?: ResolutionPolicy;
}

const ITEM_MAPPING = /^[a-z0-9][a-z0-9-]{0,63}:Q[1-9]\d*(,[a-z0-9][a-z0-9-]{0,63}:Q[1-9]\d*)*$/;

/** The Wikidata export's parameters: the items the user gives films (and sources), never guessed. */
export class WikidataItemsDto extends PolicyDto {
  @ApiProperty({
    description: 'The Wikidata item of each film to export, as filmId:Qid, comma-separated',
    example: 'balle-perdue-1:Q96384955',
  })
  @Matches(ITEM_MAPPING, { message: 'items must be filmId:Qid pairs, comma-separated (balle-perdue-1:Q96384955)' })
  items!: string;

  @ApiPropertyOptional({
    description: 'The Wikidata item of a source, for "stated in" (S248), as sourceId:Qid, comma-separated',
    example: 'article-000:Q123456',
  })
  @IsOptional()
  @Matches(ITEM_MAPPING, { message: 'sources must be sourceId:Qid pairs, comma-separated' })
  sources?: string;
}

/** The ledger's parameters: the time axes, the policy, which facts to show, and a page. */
export class LedgerQueryDto extends IntersectionType(ResolvedAtDateDto, PageDto) {
  @ApiPropertyOptional({ description: 'Only this fact', enum: FACT_FIELDS, example: 'releasedOn' })
  @IsOptional()
  @IsIn(FACT_FIELDS)
  field?: FactKey['field'];

  @ApiPropertyOptional({ description: 'Only facts about this film', example: 'balle-perdue-1' })
  @IsOptional()
  @IsSlug()
  filmId?: string;
}

const AXES = ['asOf', 'knownAt', 'recorded'];

/** An EDTF date on the `asOf` and `knownAt` axes, an ISO 8601 timestamp on the `recorded` one. */
function IsPointOnAxis(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPointOnAxis',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ property, object }) =>
          (object as ChangesQueryDto).axis === 'recorded'
            ? `${property} must be an ISO 8601 timestamp on the recorded axis`
            : `${property} must be an EDTF date of real calendar days`,
      },
      validator: {
        validate: (value: unknown, { object }: ValidationArguments) =>
          (object as ChangesQueryDto).axis === 'recorded'
            ? typeof value === 'string' && isISO8601(value, { strict: true, strictSeparator: true })
            : EdtfDate.tryParse(value) !== undefined,
      },
    });
}

/** Two points on one time axis: EDTF dates for `asOf` and `knownAt`, timestamps for `recorded`; and a page. */
export class ChangesQueryDto extends PageDto {
  @ApiPropertyOptional({ description: 'The axis the two points are on', enum: AXES, example: 'knownAt' })
  @IsOptional()
  @IsIn(AXES)
  axis: 'asOf' | 'knownAt' | 'recorded' = 'asOf';

  @ApiProperty({
    description: 'The earlier point (EDTF date; ISO timestamp on the recorded axis)',
    example: '2020-08-31',
  })
  @IsPointOnAxis()
  from!: string;

  @ApiProperty({ description: 'The later point', example: '2023-01-01' })
  @IsPointOnAxis()
  to!: string;

  @ApiPropertyOptional({ enum: ['certain', 'possible'], example: 'certain' })
  @IsOptional()
  @IsIn(['certain', 'possible'])
  mode?: 'certain' | 'possible';
}
