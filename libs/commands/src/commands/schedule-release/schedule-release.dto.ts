import { FilmClaimDto } from '../../claim.dto';
import { DateField, OptionalTextField } from '../../validation/fields';

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
