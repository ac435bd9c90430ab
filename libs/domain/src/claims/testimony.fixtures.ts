/** Test helper: testimonies of one film's facts, numbered in the order made (`event-1`, `event-2`, …). */
import { EdtfDate } from '../dates/edtf-date';
import { FactClaim } from './fact';
import { Testimony } from './testimony';

export function testimonies() {
  let sequence = 0;
  return {
    /** Starts the numbering again (call before each test). */
    reset: () => {
      sequence = 0;
    },
    /** `sourceId`, published on `publishedOn` with reliability `rank`, claims `claim`; recorded after every earlier one. */
    make: (
      claim: Omit<FactClaim, 'key'> & { key?: FactClaim['key'] },
      sourceId: string,
      publishedOn: string,
      rank = 0,
    ): Testimony => {
      sequence += 1;
      const key = claim.key ?? { filmId: 'balle-perdue-1', field: claim.valueKind === 'date' ? 'releasedOn' : 'views' };
      return {
        claim: { ...claim, key },
        eventId: `event-${sequence}`,
        sourceId,
        publishedOn: EdtfDate.parse(publishedOn),
        sequence,
        rank,
      };
    },
  };
}
