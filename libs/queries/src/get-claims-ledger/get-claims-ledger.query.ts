import { FactKey, FactValue } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { AskedAt, AtDate, Certainty } from '../at-date';
import { DayRange } from '../get-timeline/get-timeline.query';

export interface LedgerClaim {
  eventId: string;
  sourceId: string;
  type: string;
  occurredOn: string;
  occurredBetween: DayRange;
  sourcePublishedOn: string;
  certainty: Certainty;
  recordedAt: string;
  recordedBy: string;
}

export interface LedgerValue {
  value: FactValue;
  sourceIds: string[];
  claims: LedgerClaim[];
}

export interface LedgerFact {
  filmId: string | null;
  field: FactKey['field'];
  window?: string;
  /** The value the service believes, and the sources whose claims back it. */
  resolved: { value: FactValue; supportedBy: string[]; rule: string };
  disputed: boolean;
  values: LedgerValue[];
}

export interface ClaimsLedgerAnswer extends AskedAt {
  franchiseId: string;
  facts: LedgerFact[];
}

/** For every fact of the franchise, each value any source claimed, with its sources. */
export class GetClaimsLedgerQuery extends Query<ClaimsLedgerAnswer> {
  constructor(
    readonly franchiseId: string,
    readonly at: AtDate,
  ) {
    super();
  }
}
