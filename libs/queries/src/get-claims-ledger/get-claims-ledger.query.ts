import { FactKey, FactValue } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { AtDate } from '../at-date';

export interface LedgerClaim {
  eventId: string;
  sourceId: string;
  type: string;
  occurredOn: string;
  sourcePublishedOn: string;
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

export interface ClaimsLedgerAnswer {
  franchiseId: string;
  asOf: string | null;
  knownAt: string | null;
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
