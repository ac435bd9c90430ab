import { AppConfig, loadConfig } from '@app/config';
import { FixedClock } from '@app/domain';
import { Seeder } from '@app/timeline';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../../apps/api/src/app.factory';

export const SEED_FILE = resolve(__dirname, '../../data/seed.ndjson');

export interface RunningApp {
  app: NestFastifyApplication;
  url: string;
  dir: string;
  clock: FixedClock;
  config: AppConfig;
  /** Stops the app; the data directory stays until `dispose`. */
  stop(): Promise<void>;
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** Reuse the data directory of an earlier app (restart). */
  dir?: string;
  seed?: boolean;
  env?: Record<string, string>;
}

/** Starts the real HTTP app on a free port, on a SQLite file in a temp dir, with a fixed clock. */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'timeline-e2e-'));
  const config = loadConfig({
    TIMELINE_DB: join(dir, 'timeline.db'),
    SEED_FILE,
    SEED_ON_EMPTY: String(options.seed ?? true),
    LOG_LEVEL: 'error',
    ...options.env,
  });
  const clock = new FixedClock(new Date('2026-11-23T10:00:00Z'));
  const app = await createApp({ config, clock });
  await app.get(Seeder).seedIfEmpty();
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
    stop,
    dispose: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small JSON client over real HTTP. */
export function client(base: () => string) {
  const call = async <T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base()}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    } as HttpAnswer<T>;
  };
  return {
    get: <T = any>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = any>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
  };
}
