import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { FilmClaimDto } from '../../claim.dto';
import { CountField, DateField, OptionalCountField, TextField } from '../../validation/fields';

/** A source reports a position a film reached in a chart. */
export class RecordChartRankingDto extends FilmClaimDto {
  @TextField('Which chart', 'netflix-top-10-films')
  chart!: string;

  @CountField('Best position reached (10 reads "within the top 10")', 1)
  rank!: number;

  @DateField('When the position was reached', '2020-07')
  rankedOn!: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 code of the country, for a national chart', example: 'BR' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'territory must be an ISO 3166-1 alpha-2 country code such as BR' })
  territory?: string;

  @OptionalCountField('In how many countries the position was reached', 21)
  territoryCount?: number;

  @OptionalCountField('For how many weeks', 1)
  weeks?: number;
}
