import { ClaimDto } from '../../claim.dto';
import { DateField } from '../../validation/fields';

/** A source reports that the franchise was confirmed as a trilogy. */
export class ConfirmTrilogyDto extends ClaimDto {
  @DateField('When the trilogy was confirmed', '2022')
  confirmedOn!: string;
}
