import { FilmClaimDto } from '../../claim.dto';
import { CountField, DateField, DurationField } from '../../validation/fields';

/** A source reports how many views a film had reached. */
export class RecordViewershipMilestoneDto extends FilmClaimDto {
  @CountField('Number of views reached', 37000000)
  views!: number;

  @DateField('When the count was reached', '2020-07')
  reachedOn!: string;

  @DurationField('Counting window as an ISO 8601 duration', 'P28D')
  window?: string;
}
