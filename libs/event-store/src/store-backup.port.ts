import { GlobalPosition } from './event-store.port';

/** The store a backup is taken of, or restored into (`AppConfig['eventStore']` fits). */
export type BackupTarget = { kind: 'sqlite'; file: string } | { kind: 'eventstoredb' };

/** What a backup holds, or what the restored store holds. */
export interface BackupSummary {
  /** The store file backed up, or restored into. */
  store: string;
  events: number;
  /** The last event's position; undefined for an empty log. */
  lastPosition?: GlobalPosition;
}

/** A backup or a restore was refused (a file that is not a backup, a store in use...): nothing was changed. */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefusedError';
  }
}

/** The configured store is not backed up by this service (EventStoreDB has its own procedure). */
export class BackupUnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupUnsupportedError';
  }
}
