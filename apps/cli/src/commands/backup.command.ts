import { AppConfig } from '@app/config';
import { BackupSummary, backupEventStore, restoreEventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/projections';
import { INestApplicationContext, LogLevel } from '@nestjs/common';
import { CliArgs } from '../cli-args';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_OK } from '../exit-codes';

type BackupArgs = Extract<CliArgs, { command: 'backup' | 'restore' }>;

/** `backup <file>`: needs no service, so none starts beside a running server (its read models are the server's). */
export async function backupCommand(config: AppConfig, args: BackupArgs, io: CliIo): Promise<number> {
  const backup = await backupEventStore(config.eventStore, args.file, { force: args.force });
  await writeTo(io.stdout, `backed up ${holding(backup)} from ${backup.store} to ${args.file}\n`);
  return EXIT_OK;
}

/**
 * `restore <file>`: replaces the store file, then starts the service on it to rebuild the read
 * models at once, whatever READ_MODELS_ON_MISMATCH says: the restored log is the one to follow.
 */
export async function restoreCommand(
  config: AppConfig,
  args: BackupArgs,
  io: CliIo,
  open: (config: AppConfig, levels: LogLevel[]) => Promise<INestApplicationContext>,
): Promise<number> {
  const restored = await restoreEventStore(config.eventStore, args.file, { force: args.force });
  await writeTo(io.stdout, `restored ${holding(restored)} from ${args.file} into ${restored.store}\n`);
  // Errors only: that the read models were built from another store is what the restore made so.
  const app = await open({ ...config, projections: { rebuild: true, onMismatch: 'rebuild' } }, ['error']);
  try {
    const { projections } = app.get(ProjectionRunner).status();
    const applied = Math.max(0, ...projections.map((p) => p.applied));
    await writeTo(io.stdout, `read models rebuilt from ${applied} events in ${config.readModel.file}\n`);
  } finally {
    await app.close();
  }
  return EXIT_OK;
}

function holding({ events, lastPosition }: BackupSummary): string {
  const count = `${events} ${events === 1 ? 'event' : 'events'}`;
  return lastPosition === undefined ? count : `${count} (last position ${lastPosition})`;
}
