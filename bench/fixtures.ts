import { AppConfig, loadConfig } from '@app/config';
import {
  ChartRankingReached,
  ClaimEvent,
  EventType,
  FilmReleased,
  FixedClock,
  FranchiseCreated,
  SourceRegistered,
  TimelineEvent,
  ViewershipMilestoneReached,
  franchiseStream,
  metaFor,
  sourceStream,
  toRecord,
} from '@app/domain';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { READ_MODEL_DATABASE } from '@app/projections';
import { Seeder, ServiceModule } from '@app/service';
import { INestApplicationContext } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root, from dist-bench/bench/ where this file runs. */
export const ROOT = resolve(__dirname, '../..');
export const SEED_FILE = join(ROOT, 'data/seed.ndjson');

export const RECORDED_AT = '2026-01-15T10:00:00.000Z';
export const RECORDED_BY = 'bench';
export const clock = () => new FixedClock(new Date(RECORDED_AT));

export type Sync = 'normal' | 'full';

/** A fresh directory under the OS temp dir (a real disk here, so fsync costs what it costs), removed by `dispose`. */
export function tempDir(name: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `timeline-bench-${name}-`));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function benchConfig(dir: string, sync: Sync): AppConfig {
  return loadConfig({
    TIMELINE_DB: join(dir, 'timeline.db'),
    SQLITE_SYNCHRONOUS: sync,
    SEED_FILE,
    SEED_ON_EMPTY: 'true',
    LOG_LEVEL: 'error',
  });
}

/** The service without HTTP (event store, projections, both buses), seeded, as the CLI runs it. */
export async function startTimeline(config: AppConfig): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(ServiceModule.forRoot({ config, clock: clock() }), {
    logger: ['error', 'warn'],
  });
  await app.get(Seeder).seedIfEmpty();
  return app;
}

/** Seeded random numbers (mulberry32): every run builds the same franchises. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];

const meta = (type: EventType, sourceId?: string) => metaFor(type, RECORDED_AT, RECORDED_BY, sourceId);

let counter = 0;
/** Ids only need to be unique within a run; a counter is cheaper than hashing and keeps setup out of the way. */
export function nextId(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export const BENCH_SOURCES = Array.from({ length: 40 }, (_, i) => `bench-source-${String(i).padStart(2, '0')}`);

/** Registers the sources every bench claim cites, all published after every date claimed. */
export async function registerSources(store: EventStore): Promise<void> {
  for (const [i, sourceId] of BENCH_SOURCES.entries()) {
    const event: SourceRegistered = {
      type: 'SourceRegistered',
      eventId: nextId(),
      data: {
        sourceId,
        name: `Bench article ${i}`,
        publishedOn: i % 3 === 0 ? '2023' : '2023-0' + (1 + (i % 9)),
        language: 'fr',
      },
      meta: meta('SourceRegistered'),
    };
    await store.append(sourceStream(sourceId), [toRecord(event)], 'no_stream');
  }
}

/** One viewership claim, the shape the command path records: also the bare-append baselines' payload. */
export function milestone(franchiseId: string, views: number, sourceId = BENCH_SOURCES[1]): ViewershipMilestoneReached {
  return {
    type: 'ViewershipMilestoneReached',
    eventId: nextId(),
    data: { franchiseId, filmId: `${franchiseId}-1`, views, reachedOn: '2020-07', window: 'P28D' },
    meta: meta('ViewershipMilestoneReached', sourceId),
  };
}

/**
 * A franchise stream of `size` events: created, its films released, then a mix of claims
 * like the seed's (view counts, chart rankings, competing release dates), spread over the
 * bench sources. Sources mostly repeat a few values, as articles copying each other do.
 */
export function franchiseHistory(franchiseId: string, size: number, seed = 1): TimelineEvent[] {
  const rnd = random(seed);
  const films = Math.max(1, Math.min(20, Math.floor(size / 100)));
  const filmIds = Array.from({ length: films }, (_, i) => `${franchiseId}-${i + 1}`);
  const created: FranchiseCreated = {
    type: 'FranchiseCreated',
    eventId: nextId(),
    data: { franchiseId, title: `Bench ${franchiseId}`, aliases: [] },
    meta: meta('FranchiseCreated'),
  };
  const release = (filmId: string): FilmReleased => ({
    type: 'FilmReleased',
    eventId: nextId(),
    data: {
      franchiseId,
      filmId,
      title: `Film ${filmId}`,
      releasedOn: pick(rnd, ['2020-06-19', '2020-06-26', '2020-06', '2020']),
      platform: 'Netflix',
    },
    meta: meta('FilmReleased', pick(rnd, BENCH_SOURCES)),
  });
  const claim = (): ClaimEvent => {
    const filmId = pick(rnd, filmIds);
    const sourceId = pick(rnd, BENCH_SOURCES);
    const roll = rnd();
    if (roll < 0.2) return release(filmId);
    if (roll < 0.6) {
      const views: ViewershipMilestoneReached = {
        type: 'ViewershipMilestoneReached',
        eventId: nextId(),
        data: {
          franchiseId,
          filmId,
          views: pick(rnd, [37_000_000, 37_000, 40_000_000, 95_000_000]),
          reachedOn: pick(rnd, ['2020-07', '2020']),
          window: pick(rnd, ['P28D', 'P91D']),
        },
        meta: meta('ViewershipMilestoneReached', sourceId),
      };
      return views;
    }
    const ranking: ChartRankingReached = {
      type: 'ChartRankingReached',
      eventId: nextId(),
      data: {
        franchiseId,
        filmId,
        chart: 'netflix-top-10-films',
        rank: 1 + Math.floor(rnd() * 10),
        rankedOn: '2020',
        territory: pick(rnd, ['US', 'BR', 'FR', 'DE', 'MX', 'JP']),
      },
      meta: meta('ChartRankingReached', sourceId),
    };
    return ranking;
  };
  const events: TimelineEvent[] = [created, ...filmIds.map(release)];
  while (events.length < size) events.push(claim());
  return events.slice(0, size);
}

/** Writes a franchise straight to the store in one append (projections apply it as they would any append). */
export async function writeFranchise(
  store: EventStore,
  franchiseId: string,
  size: number,
  seed?: number,
): Promise<void> {
  const records = franchiseHistory(franchiseId, size, seed).map((e) => toRecord(e));
  await store.append(franchiseStream(franchiseId), records, 'no_stream');
}

export function eventStoreOf(app: INestApplicationContext): EventStore {
  return app.get<EventStore>(EVENT_STORE);
}

/**
 * Checkpoints the WAL into the database file and syncs it, after a bulk setup. Otherwise the
 * first timed fsyncs (of any file on the disk: ext4 commits its journal for everyone) pay for
 * writing back the setup's megabytes. The event store and the read models share this file.
 */
export function settle(app: INestApplicationContext): void {
  app.get<Database.Database>(READ_MODEL_DATABASE).pragma('wal_checkpoint(TRUNCATE)');
}
