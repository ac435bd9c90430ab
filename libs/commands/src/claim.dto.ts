import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { EventIdField, SlugField } from './validation/fields';

/** What every claim body carries: the source that made the claim, and optionally its event id. */
export abstract class ClaimDto {
  @SlugField('The registered source (article) making this claim', 'article-000')
  sourceId!: string;

  @EventIdField()
  eventId?: string;

  @ApiPropertyOptional({
    description:
      'The earlier claim (event id) of the same kind that this one corrects; it stops counting, nothing is deleted',
    format: 'uuid',
  })
  @IsOptional()
  @IsUUID()
  supersedes?: string;
}

/** A claim about one film of the franchise. */
export abstract class FilmClaimDto extends ClaimDto {
  @SlugField('The film, unique within the franchise', 'balle-perdue-1')
  filmId!: string;
}
