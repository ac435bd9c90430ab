import { EventIdField, SlugField } from './validation/fields';

/** What every claim body carries: the source that made the claim, and optionally its event id. */
export abstract class ClaimDto {
  @SlugField('The registered source (article) making this claim', 'article-000')
  sourceId!: string;

  @EventIdField()
  eventId?: string;
}

/** A claim about one film of the franchise. */
export abstract class FilmClaimDto extends ClaimDto {
  @SlugField('The film, unique within the franchise', 'balle-perdue-1')
  filmId!: string;
}
