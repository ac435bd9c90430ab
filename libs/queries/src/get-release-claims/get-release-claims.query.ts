import { ResolutionPolicy } from '@app/domain';
import { Query } from '@nestjs/cqrs';
import { ClaimsLedgerAnswer } from '../get-claims-ledger/get-claims-ledger.query';
import { SourceAnswer } from '../source-lookup';

export interface ReleaseClaimsAnswer {
  /** The ledger of the films' release dates (`releasedOn`), every claim. */
  ledger: ClaimsLedgerAnswer;
  /** The sources its claims cite, and no other. */
  sources: SourceAnswer[];
}

/** The films' release dates as the ledger has them, with the sources cited: what a QuickStatements export states. */
export class GetReleaseClaimsQuery extends Query<ReleaseClaimsAnswer> {
  constructor(
    readonly franchiseId: string,
    readonly policy?: ResolutionPolicy,
  ) {
    super();
  }
}
