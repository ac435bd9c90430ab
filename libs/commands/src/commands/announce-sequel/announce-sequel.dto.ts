import { FilmClaimDto } from '../../claim.dto';
import { DateField, OptionalTextField } from '../../validation/fields';

/** A source reports that a sequel (the film named here) was announced. */
export class AnnounceSequelDto extends FilmClaimDto {
  @OptionalTextField('Title of the sequel', 'Balle perdue 2')
  title?: string;

  @DateField('When the sequel was announced', '2021')
  announcedOn!: string;
}
