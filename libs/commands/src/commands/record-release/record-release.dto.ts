import { FilmClaimDto } from '../../claim.dto';
import { DateField, OptionalTextField } from '../../validation/fields';

/** A source reports that a film was released. */
export class RecordReleaseDto extends FilmClaimDto {
  @OptionalTextField('Title of the film', 'Balle perdue')
  title?: string;

  @DateField('When the film was released', '2020-06-19')
  releasedOn!: string;

  @OptionalTextField('Where it was released', 'Netflix')
  platform?: string;
}
