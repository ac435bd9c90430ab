import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { IsEdtfDate } from '@app/validation';
import { SlugField, TextField } from '../../validation/fields';

/** A source withdraws an earlier claim; nothing is deleted. */
export class RetractClaimDto {
  @ApiProperty({ description: 'The claim (event id) being retracted', format: 'uuid' })
  @IsUUID()
  eventId!: string;

  @SlugField('The registered source making the retraction', 'article-004')
  sourceId!: string;

  @TextField('Why the claim is withdrawn', 'The release date was misreported')
  reason!: string;

  @ApiPropertyOptional({
    description: "When the retraction was made; the source's publication date when absent",
    example: '2022-03',
  })
  @IsOptional()
  @IsEdtfDate()
  retractedOn?: string;
}
