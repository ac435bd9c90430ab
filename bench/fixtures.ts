import { AppConfig, loadConfig } from '@app/config';
import { ServiceModule } from '@app/service';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root, from dist-bench/bench/ where this file runs. */
export const ROOT = resolve(__dirname, '../..');
/** Where `npm run bench` compiles the product and the suite. */
export const DIST = resolve(__dirname, '..');

export type Sync = 'normal' | 'full';

/** A fresh directory under the OS temp dir (a real disk here, so fsync costs what it costs), removed by `dispose`. */
export function tempDir(name: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `timeline-bench-${name}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The environment the service (API, CLI) is started with on `file`: no seed, quiet, and no write
 * rate limits, which would cap what the writes goals measure at the limits themselves.
 */
export function serviceEnv(file: string, sync: Sync): Record<string, string> {
  return {
    TIMELINE_DB: file,
    SQLITE_SYNCHRONOUS: sync,
    SEED_ON_EMPTY: 'false',
    LOG_LEVEL: 'error',
    WRITE_RATE_LIMIT_PER_KEY: '0',
    WRITE_RATE_LIMIT_PER_ADDRESS: '0',
  };
}

export const serviceConfig = (file: string, sync: Sync): AppConfig => loadConfig(serviceEnv(file, sync));

/** The service without HTTP (event store, projections, both buses), as the CLI runs it. */
export function startService(config: AppConfig): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(ServiceModule.forRoot({ config }), { logger: ['error', 'warn'] });
}
