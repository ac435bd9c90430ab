import { AppConfig, loadConfig } from '@app/config';
import { FixedClock } from '@app/domain';
import { ApiKeys } from '@app/commands';
import { ProjectionRunner } from '@app/projections';
import { Seeder } from '@app/service';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { DestinationStream } from 'pino';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { StoreKind, TestStore, testStore } from './test-store';
import { createApp } from '../../apps/api/src/app.factory';

export const SEED_FILE = resolve(__dirname, '../../data/seed.ndjson');
/** The principal the tests write as. */
export const TEST_PRINCIPAL = 'e2e-writer';

export interface RunningApp {
  app: NestFastifyApplication;
  url: string;
  dir: string;
  clock: FixedClock;
  config: AppConfig;
  store: TestStore;
  /** A key with every scope, issued to TEST_PRINCIPAL at start: what `client` writes with unless told otherwise. */
  key: string;
  /** Stops the app; the data directory and the store stay until `dispose`. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** Which event store to start for this app (SQLite in its temp dir by default)... */
  kind?: StoreKind;
  /** ...or the store of an earlier app, for a restart. */
  store?: TestStore;
  /** Reuse the data directory of an earlier app (restart). */
  dir?: string;
  seed?: boolean;
  env?: Record<string, string>;
  /** The key an earlier app on the same store issued (a restart): none is issued then. */
  key?: string;
  /** Where the app's JSON log lines go (standard output by default). */
  logTo?: DestinationStream;
}

/** Starts the real HTTP app on a free port, data in a temp dir, on the chosen event store, with a fixed clock. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'timeline-e2e-'));
  const store = options.store ?? (await testStore(options.kind ?? 'sqlite'));
  const config = loadConfig({
    ...store.env,
    TIMELINE_DB: join(dir, 'timeline.db'),
    // With SQLite the read models share the event store's file, as by default.
    ...(store.kind === 'eventstoredb' ? { READ_MODEL_DB: join(dir, 'read-models.db') } : {}),
    SEED_FILE,
    SEED_ON_EMPTY: String(options.seed ?? true),
    LOG_LEVEL: 'error',
    // Suites write faster than a client should; the rate-limit suite sets its own limits.
    WRITE_RATE_LIMIT_PER_KEY: '0',
    WRITE_RATE_LIMIT_PER_ADDRESS: '0',
    ...options.env,
  });
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  const app = await createApp({ config, clock, logTo: options.logTo }).catch(async (error: unknown) => {
    // An app that cannot start leaves no store of its own running (an emulator would keep Jest alive).
    if (!options.store) await store.dispose();
    throw error;
  });
  await app.get(Seeder).seedIfEmpty();
  let key = options.key;
  if (!key) {
    const issued = await app
      .get(ApiKeys)
      .issue(TEST_PRINCIPAL, ['read', 'write', 'admin'], { recordedBy: 'system:e2e' });
    // Applied before the tests start, so that what they count of the log does not move under them.
    await app.get(ProjectionRunner).waitFor(issued.recorded.position);
    key = issued.token;
  }
  await app.listen(0, '127.0.0.1');
  const stop = async () => {
    await app.close();
  };
  return {
    app,
    url: await app.getUrl(),
    dir,
    clock,
    config,
    store,
    key,
    stop,
    dispose: async () => {
      await stop().catch(() => undefined);
      // A restarted app shares the store (and dir) of the first; the first disposes them.
      if (!options.store) await store.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/**
 * A small JSON client over real HTTP, sending the app's key (`Authorization: Bearer`) unless the
 * headers given set `authorization` (to another key, or to '' for none).
 */
export function client(app: () => Pick<RunningApp, 'url' | 'key'>) {
  const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const { url, key } = app();
    const sent: Record<string, string> = {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    };
    if (sent.authorization === '') delete sent.authorization;
    const response = await fetch(`${url}${path}`, {
      method,
      headers: sent,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    } as HttpAnswer<T>;
  };
  const get = <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers);
  return {
    get,
    /** Every item of a paged list (the answers' `field`), from `path` on, following `page.nextLink` to the last page. */
    all: async <T = any>(path: string, field: string): Promise<T[]> => {
      const items: T[] = [];
      for (let next: string | null = path; next !== null;) {
        const answer: HttpAnswer = await get(next);
        if (answer.status !== 200) throw new Error(`GET ${next} answered ${answer.status}`);
        items.push(...answer.body[field]);
        next = answer.body.page.nextLink;
      }
      return items;
    },
    post: <T = any>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
    put: <T = any>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('PUT', path, body, headers),
  };
}
