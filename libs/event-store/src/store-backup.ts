import { BackupSummary, BackupTarget, BackupUnsupportedError } from './store-backup.port';

/**
 * Copies the event log into `destination`, while the service may be running and writing: a
 * prefix of the log, as one transaction saw it. Refuses an existing `destination` unless `force`.
 */
export async function backupEventStore(
  target: BackupTarget,
  destination: string,
  options: { force: boolean },
): Promise<BackupSummary> {
  const file = sqliteFile(target);
  const { backupSqliteStore } = await import('./sqlite/sqlite-backup');
  return backupSqliteStore(file, destination, options);
}

/**
 * Replaces the store with a backup, once checked to be one, and gives it a new identity, so that
 * read models built from the replaced log rebuild. Refuses a store in use, and an existing one
 * unless `force`.
 */
export async function restoreEventStore(
  target: BackupTarget,
  backup: string,
  options: { force: boolean },
): Promise<BackupSummary> {
  const file = sqliteFile(target);
  const { restoreSqliteStore } = await import('./sqlite/sqlite-backup');
  return restoreSqliteStore(backup, file, options);
}

/** Checked before the adapter is loaded, so an EventStoreDB deployment never loads SQLite. */
function sqliteFile(target: BackupTarget): string {
  if (target.kind === 'sqlite') return target.file;
  throw new BackupUnsupportedError(
    "the event log is in EventStoreDB, whose backups are the cluster's own: use EventStoreDB's backup " +
      'procedure (each node’s database directory); backup and restore here are for the SQLite store',
  );
}
