import { AskedPoint, FranchiseNotFoundError, recordedBy } from '@app/domain';
import { FranchiseRecord, FranchiseStateReadModel } from '@app/projections';

/**
 * The franchise; a read of an unknown franchise is a 404, not an empty answer, and so is one
 * of a franchise not yet recorded at the point asked.
 */
export function findFranchise(
  franchises: FranchiseStateReadModel,
  franchiseId: string,
  point: Pick<AskedPoint, 'recordedBefore'> = {},
): FranchiseRecord {
  const franchise = franchises.find(franchiseId);
  if (!franchise || !recordedBy(franchise.createdAt, point)) {
    throw new FranchiseNotFoundError(franchiseId);
  }
  return franchise;
}
