import { FilmClaimDto } from '../../claim.dto';
import { DateField, OptionalTextField } from '../../validation/fields';

/** A source reports that a film was given the green light. */
export class RecordGreenlightDto extends FilmClaimDto {
  @OptionalTextField('Title of the film', 'Balle perdue')
  title?: string;

  @DateField('When the film was greenlit', '2018')
  greenlitOn!: string;

  @OptionalTextField('Who gave the green light', 'Netflix')
  by?: string;
}
