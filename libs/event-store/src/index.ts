export * from './event-store.port';
export * from './event-store.errors';
export * from './event-store.module';
export * from './collect';
export * from './store-backup';
export * from './store-backup.port';
