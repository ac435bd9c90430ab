import { IsEdtfDate } from '@app/validation';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import {
  CountField,
  DateField,
  DurationField,
  EventIdField,
  EventReferenceField,
  OptionalCountField,
  OptionalSlugField,
  OptionalTextField,
  SlugField,
  TextField,
} from '../validation/fields';

/**
 * The request bodies of the claim kinds (HTTP and NDJSON import alike): what a client states,
 * validated. `claim-kinds.ts` maps each to the payload of its event.
 */

/** What every claim body carries: the source that made the claim, and optionally its event id. */
export abstract class ClaimDto {
  @SlugField('The registered source (article) making this claim', 'article-000')
  sourceId!: string;

  @EventIdField()
  eventId?: string;

  @EventReferenceField(
    'An earlier claim (event id) of the same kind by the same source that this one corrects; it stops counting, nothing is deleted',
    false,
  )
  supersedes?: string;

  @OptionalSlugField(
    'The registered source this claim relies on, when the article names it (an announcement, a post): relays of one origin count once',
    'netflix-france-twitter',
  )
  basedOn?: string;
}

/** A claim about one film of the franchise. */
export abstract class FilmClaimDto extends ClaimDto {
  @SlugField('The film, unique within the franchise', 'balle-perdue-1')
  filmId!: string;
}

/** A source reports that a film was released. */
export class RecordReleaseDto extends FilmClaimDto {
  @OptionalTextField('Title of the film', 'Balle perdue')
  title?: string;

  @DateField('When the film was released', '2020-06-19')
  releasedOn!: string;

  @OptionalTextField('Where it was released', 'Netflix')
  platform?: string;
}

/** A source reports that a release was set for a date, possibly still to come. */
export class ScheduleReleaseDto extends FilmClaimDto {
  @OptionalTextField('Title of the film', 'Balle perdue 2')
  title?: string;

  @DateField('When the schedule was made public', '2022-10')
  announcedOn!: string;

  @DateField('The day the release is planned for', '2022-11-10')
  scheduledFor!: string;

  @OptionalTextField('Where it will be released', 'Netflix')
  platform?: string;
}

/** A source reports how many views a film had reached. */
export class RecordViewershipMilestoneDto extends FilmClaimDto {
  @OptionalTextField('Title of the film: needed only when no other claim has introduced it', 'Tyler Rake')
  title?: string;

  @CountField('Number of views reached', 37000000)
  views!: number;

  @DateField('When the count was reached', '2020-07')
  reachedOn!: string;

  @DurationField(
    'Counting window as an ISO 8601 duration; without one, the count is the total reached by reachedOn',
    'P1M',
  )
  window?: string;
}

/** A source reports that a sequel (the film named here) was announced. */
export class AnnounceSequelDto extends FilmClaimDto {
  @OptionalTextField('Title of the sequel', 'Balle perdue 2')
  title?: string;

  @DateField('When the sequel was announced', '2021')
  announcedOn!: string;
}

/** A source reports that the franchise was confirmed as a trilogy. */
export class ConfirmTrilogyDto extends ClaimDto {
  @DateField('When the trilogy was confirmed', '2022')
  confirmedOn!: string;
}

/** A source reports that a film was given the green light. */
export class RecordGreenlightDto extends FilmClaimDto {
  @OptionalTextField('Title of the film', 'Balle perdue')
  title?: string;

  @DateField('When the film was greenlit', '2018')
  greenlitOn!: string;

  @OptionalTextField('Who gave the green light', 'Netflix')
  by?: string;
}

/** A source reports that a film's shooting ended. */
export class RecordProductionWrapDto extends FilmClaimDto {
  @DateField('When shooting ended', '2022')
  wrappedOn!: string;

  // Bounded here: the payload holds it as a duration (`P6W`), so the domain's count rule never sees it.
  @OptionalCountField('How many weeks the shoot lasted', 6, Number.MAX_SAFE_INTEGER)
  shootingWeeks?: number;
}

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

/** A source withdraws an earlier claim; nothing is deleted. */
export class RetractClaimDto {
  @EventReferenceField('The claim (event id) being retracted')
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
