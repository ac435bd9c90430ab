import { randomBytes } from 'node:crypto';
import { EsdbEmulatorOptions, startEsdbEmulator } from '../esdb-emulator/emulator';

export type StoreKind = 'sqlite' | 'eventstoredb';

/** Every suite over the API runs once per event store. */
export const STORE_KINDS: StoreKind[] = ['sqlite', 'eventstoredb'];

/** An event store for one test app, kept across its restarts. */
export interface TestStore {
  kind: StoreKind;
  /** Environment variables selecting it. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/**
 * SQLite needs nothing (the app's temp dir holds its file). EventStoreDB is the real server
 * named by `EVENTSTORE_CONNECTION_STRING` when set, in a namespace of its own so runs do not
 * see each other's streams; otherwise a fresh in-process emulator, reached through the real
 * client over real gRPC.
 */
export async function testStore(kind: StoreKind, emulatorOptions: EsdbEmulatorOptions = {}): Promise<TestStore> {
  if (kind === 'sqlite') return { kind, env: { EVENT_STORE: 'sqlite' }, dispose: async () => undefined };
  const real = process.env.EVENTSTORE_CONNECTION_STRING;
  if (real) {
    const namespace = `t${randomBytes(6).toString('hex')}`;
    return {
      kind,
      env: { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: real, EVENTSTORE_NAMESPACE: namespace },
      dispose: async () => undefined,
    };
  }
  const emulator = await startEsdbEmulator({ ...emulatorOptions, port: 0 });
  return {
    kind,
    env: { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: emulator.connectionString },
    dispose: () => emulator.stop(),
  };
}
