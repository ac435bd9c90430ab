import { ClaimsLedgerReadModel } from './claims-ledger/claims-ledger.read-model';
import { FranchiseStateReadModel } from './franchise-state/franchise-state.read-model';
import { ReadModelVersion } from './read-model-version';
import { SourceCatalogReadModel } from './source-catalog/source-catalog.read-model';
import { TimelineReadModel } from './timeline/timeline.read-model';
import { WithdrawalsReadModel } from './withdrawals/withdrawals.read-model';

export * from './candidates';
export * from './claims-ledger/claims-ledger.read-model';
export * from './franchise-state/franchise-state.read-model';
export * from './source-catalog/source-catalog.read-model';
export * from './timeline/timeline.read-model';
export * from './withdrawals/withdrawals.read-model';
export * from './read-model-version';

/** The reads of every projection, one class each, for the queries to combine. */
export const READ_MODELS = [
  SourceCatalogReadModel,
  FranchiseStateReadModel,
  TimelineReadModel,
  ClaimsLedgerReadModel,
  WithdrawalsReadModel,
  ReadModelVersion,
];
