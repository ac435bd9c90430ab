import { FilmClaimDto } from '../../claim.dto';
import { DateField, OptionalCountField } from '../../validation/fields';

/** A source reports that a film's shooting ended. */
export class RecordProductionWrapDto extends FilmClaimDto {
  @DateField('When shooting ended', '2022')
  wrappedOn!: string;

  @OptionalCountField('How many weeks the shoot lasted', 6)
  shootingWeeks?: number;
}
