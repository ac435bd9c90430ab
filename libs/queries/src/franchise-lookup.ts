import { FranchiseNotFoundError } from '@app/domain';
import type Database from 'better-sqlite3';
import { prepared } from '@app/projections';

export interface FranchiseRow {
  id: string;
  title: string;
  aliases: string;
  revision: number;
  created_at: string;
}

/**
 * The franchise's catalogue row; a read of an unknown franchise is a 404, not an empty answer,
 * and so is one of a franchise created at or after `recordedBefore`.
 */
export function findFranchise(
  db: Database.Database,
  franchiseId: string,
  recordedBefore?: string | null,
): FranchiseRow {
  const row = prepared<[string], FranchiseRow>(db, 'SELECT * FROM franchises WHERE id = ?').get(franchiseId);
  if (!row || (recordedBefore && row.created_at >= recordedBefore)) throw new FranchiseNotFoundError(franchiseId);
  return row;
}
