import {
  EVENT_TYPES,
  FranchiseEvent,
  SourceEvent,
  TimelineEvent,
  franchiseStream,
  sourceStream,
  toRecord,
} from '@app/domain';
import { claim, franchiseCreated, sourceRegistered } from '@app/domain/events/timeline-events.fixtures';
import { AppendResult } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite/sqlite-event-store';
import { Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { config as rxjsConfig } from 'rxjs';
import { ClaimsLedgerProjection } from './claims-ledger/claims-ledger.projection';
import { EventRecorded } from './event-recorded.event';
import { FranchiseStateProjection } from './franchise-state/franchise-state.projection';
import { Projection } from './projection';
import { APPLY_BATCH, LIVE_GATHER_MS, ProjectionRunner, ReadModelMismatchError } from './projection-runner';
import { openReadModelDatabase } from './read-model.database';
import { SourceCatalogProjection } from './source-catalog/source-catalog.projection';
import { TimelineProjection } from './timeline/timeline.projection';

const NAMES = ['source-catalog', 'franchise-state', 'timeline', 'claims-ledger'];

const source = sourceRegistered('article-000', '2020-08');
const created = franchiseCreated();
const release = claim(
  'FilmReleased',
  { filmId: 'balle-perdue-1', title: 'Balle perdue', releasedOn: '2020-06-19' },
  'article-000',
);
const milestone = claim(
  'ViewershipMilestoneReached',
  { filmId: 'balle-perdue-1', views: 37_000_000, reachedOn: '2020-07', window: 'P28D' },
  'article-000',
);
const wrap = claim(
  'ProductionWrapped',
  { filmId: 'balle-perdue-1', wrappedOn: '2019', shootingDuration: 'P8W' },
  'article-000',
);
const ranking = claim(
  'ChartRankingReached',
  { filmId: 'balle-perdue-1', chart: 'netflix-top-10-films', rank: 1, rankedOn: '2020-06', territory: 'FR' },
  'article-000',
);

/** The four real read models, in the order the module wires them. */
const realProjections = (): Projection[] => [
  new SourceCatalogProjection(),
  new FranchiseStateProjection(),
  new TimelineProjection(),
  new ClaimsLedgerProjection(),
];

/** A projection with a table of its own that fails on one type of event, after writing its row. */
class FailingProjection implements Projection {
  readonly name = 'failing';
  readonly version = 1;
  readonly handles = EVENT_TYPES;
  failOn?: string;
  failures = 0;
  onFailure?: () => void;

  readonly schema = 'CREATE TABLE IF NOT EXISTS failing_seen (event_id TEXT PRIMARY KEY)';
  readonly tables = ['failing_seen'];

  apply(db: Database.Database, event: TimelineEvent): void {
    db.prepare('INSERT OR IGNORE INTO failing_seen VALUES (?)').run(event.eventId);
    if (event.type === this.failOn) {
      this.failures += 1;
      this.onFailure?.();
      throw new Error(`cannot apply ${event.type}`);
    }
  }
}

/** The real read models and one that fails, after some have written their rows, before others. */
const withFailing = () => {
  const [sources, state, timeline, ledger] = realProjections();
  const failing = new FailingProjection();
  return { failing, projections: [sources, timeline, failing, state, ledger] };
};

/** Resolves once the projection has failed on an event (its transaction rolls back right after). */
const failure = (failing: FailingProjection) => new Promise<void>((resolve) => (failing.onFailure = resolve));

/** Temp files for the event log and the read models, and everything opened on them. */
class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'projection-runner-'));
  readonly bus = { publish: jest.fn() };
  private readonly stores: SqliteEventStore[] = [];
  private readonly dbs: Database.Database[] = [];
  private readonly runners: ProjectionRunner[] = [];
  store!: SqliteEventStore;
  db!: Database.Database;
  onMismatch: 'rebuild' | 'refuse' = 'rebuild';

  constructor() {
    this.reopen();
  }

  /** A store and a read-model connection on the same files, as a restarted process opens them. */
  reopen(): void {
    this.store = this.openStore();
    this.db = openReadModelDatabase(join(this.dir, 'read-models.db'));
    this.dbs.push(this.db);
  }

  /** Another store on the same event file: another process writing. */
  openStore(): SqliteEventStore {
    const store = new SqliteEventStore({ file: join(this.dir, 'events.db'), pollIntervalMs: 20 });
    this.stores.push(store);
    return store;
  }

  runner(projections: Projection[] = realProjections(), rebuild = false): ProjectionRunner {
    const runner = new ProjectionRunner(
      this.store,
      this.db,
      projections,
      { rebuild, onMismatch: this.onMismatch },
      this.bus as unknown as EventBus,
    );
    this.runners.push(runner);
    return runner;
  }

  /** Stops the runners and closes the files, as a process stopping does. */
  async stop(): Promise<void> {
    this.runners.splice(0).forEach((runner) => runner.beforeApplicationShutdown());
    for (const store of this.stores.splice(0)) await store.close();
    this.dbs.splice(0).forEach((db) => db.open && db.close());
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  count(table: string): number {
    return this.db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM ${table}`).get()!.n;
  }

  has(table: string, eventId: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${table} WHERE event_id = ?`).get(eventId) !== undefined;
  }

  checkpoints(): Record<string, { position: string | null; applied: number }> {
    const rows = this.db
      .prepare<[], { projection: string; position: string | null; applied: number }>(
        'SELECT * FROM projection_checkpoints',
      )
      .all();
    return Object.fromEntries(rows.map(({ projection, position, applied }) => [projection, { position, applied }]));
  }
}

/** Appends one domain event to its stream, as the command side does. */
function append(store: SqliteEventStore, event: FranchiseEvent | SourceEvent): Promise<AppendResult> {
  const stream = 'sourceId' in event.data ? sourceStream(event.data.sourceId) : franchiseStream(event.data.franchiseId);
  return store.append(stream, [toRecord(event, { correlationId: 'test' })], 'any');
}

async function appendAll(store: SqliteEventStore, ...events: (FranchiseEvent | SourceEvent)[]): Promise<AppendResult> {
  let last!: AppendResult;
  for (const event of events) last = await append(store, event);
  return last;
}

const sinceStart = (runner: ProjectionRunner) =>
  Object.fromEntries(runner.status().projections.map((p) => [p.name, p.appliedSinceStart]));
const each = <T>(value: T, names = NAMES) => Object.fromEntries(names.map((name) => [name, value]));

describe('ProjectionRunner', () => {
  let ws: Workspace;
  /** Errors thrown by a subscriber that rxjs reports asynchronously; this file's own rxjs instance. */
  const unhandled = jest.fn();
  rxjsConfig.onUnhandledError = unhandled;

  beforeEach(() => {
    ws = new Workspace();
    unhandled.mockClear();
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    await ws.dispose();
    jest.restoreAllMocks();
  });

  it('applies each event once when two processes share the read models (the CLI importing while the API serves)', async () => {
    await appendAll(ws.store, source, created);
    const api = ws.runner();
    await api.onApplicationBootstrap();
    // The second process: its own store and read-model connection on the same files.
    const cliStore = ws.openStore();
    const cliDb = openReadModelDatabase(join(ws.dir, 'read-models.db'));
    const cli = new ProjectionRunner(
      cliStore,
      cliDb,
      realProjections(),
      { rebuild: false, onMismatch: 'rebuild' },
      ws.bus as unknown as EventBus,
    );
    try {
      await cli.onApplicationBootstrap();
      const last = await appendAll(cliStore, release, milestone, wrap, ranking);
      await cli.waitFor(last.position);
      await api.waitFor(last.position);

      expect(ws.count('timeline_entries')).toBe(4);
      // The state keeps no chart ranking: it asserts no fact.
      expect(ws.count('state_claims')).toBe(3);
      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 6 }));
      const sequences = ws.db
        .prepare<[], { sequence: number }>('SELECT sequence FROM timeline_entries ORDER BY sequence')
        .all();
      expect(sequences.map((r) => r.sequence)).toEqual([3, 4, 5, 6]);
      expect(api.status().projections.map((p) => p.appliedSinceStart + (sinceStart(cli)[p.name] ?? 0))).toEqual(
        NAMES.map(() => 6),
      );
    } finally {
      cli.beforeApplicationShutdown();
      await cliStore.close();
      cliDb.close();
    }
  });

  it('rebuilds a projection whose version changed at the next start, and only that one', async () => {
    const last = await appendAll(ws.store, source, created, release, milestone);
    await ws.runner().onApplicationBootstrap();
    await ws.stop();
    ws.reopen();

    const timeline = new TimelineProjection();
    Object.defineProperty(timeline, 'version', { value: timeline.version + 1 });
    const projections = realProjections().map((p) => (p.name === 'timeline' ? timeline : p));
    const runner = ws.runner(projections);
    await runner.onApplicationBootstrap();

    expect(sinceStart(runner)).toEqual({ ...each(0), timeline: 4 });
    expect(ws.count('timeline_entries')).toBe(2);
    expect(ws.checkpoints().timeline).toEqual({ position: last.position, applied: 4 });
    const version = ws.db
      .prepare<[], { version: number }>("SELECT version FROM projection_checkpoints WHERE projection = 'timeline'")
      .get()!.version;
    expect(version).toBe(timeline.version);
  });

  it('applies to each projection only the event types it handles, and moves every checkpoint past the others', async () => {
    const last = await appendAll(ws.store, source, created, release);
    const projections = realProjections();
    const applied = projections.map((p) => jest.spyOn(p, 'apply'));
    await ws.runner(projections).onApplicationBootstrap();

    const types = applied.map((spy) => spy.mock.calls.map(([, event]) => event.type));
    expect(Object.fromEntries(projections.map((p, i) => [p.name, types[i]]))).toEqual({
      'source-catalog': ['SourceRegistered'],
      'franchise-state': ['FranchiseCreated', 'FilmReleased'],
      timeline: ['FilmReleased'],
      'claims-ledger': ['FilmReleased'],
    });
    expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 3 }));
  });

  describe('start-up', () => {
    it('resolves onApplicationBootstrap only once the read models hold every event stored before', async () => {
      await appendAll(ws.store, source, created, release, milestone);
      const runner = ws.runner();

      await runner.onApplicationBootstrap();

      expect(ws.count('sources')).toBe(1);
      expect(ws.count('franchises')).toBe(1);
      expect(ws.count('state_claims')).toBe(2);
      expect(ws.count('timeline_entries')).toBe(2);
      expect(ws.count('ledger_claims')).toBe(2);
      expect(runner.status().caughtUp).toBe(true);
      expect(sinceStart(runner)).toEqual(each(4));
    });

    it('catches up in a transaction per batch of events, not one per event, with the same rows', async () => {
      const views = Array.from({ length: APPLY_BATCH + 500 }, (_, n) =>
        claim(
          'ViewershipMilestoneReached',
          { filmId: 'balle-perdue-1', views: n + 1, reachedOn: '2020-07' },
          'article-000',
        ),
      );
      const records = views.map((event) => toRecord(event));
      await appendAll(ws.store, source, created, release);
      const last = await ws.store.append(franchiseStream(created.data.franchiseId), records, 'any');
      const runner = ws.runner();
      const transactions = jest.spyOn(ws.db, 'transaction');

      await runner.onApplicationBootstrap();

      // One to prepare the tables, two for the catch-up.
      expect(transactions).toHaveBeenCalledTimes(3);
      expect(ws.count('state_claims')).toBe(views.length + 1);
      expect(ws.count('ledger_claims')).toBe(views.length + 1);
      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: views.length + 3 }));
      expect(sinceStart(runner)).toEqual(each(views.length + 3));
    });

    it('resolves at once on an empty log', async () => {
      const runner = ws.runner();

      await runner.onApplicationBootstrap();

      expect(runner.status()).toEqual({
        caughtUp: true,
        readModels: 'built',
        subscription: 'live',
        projections: NAMES.map((name) => ({ name, position: null, applied: 0, appliedSinceStart: 0 })),
      });
    });

    it('leaves each projection a checkpoint at the last position of the log', async () => {
      const last = await appendAll(ws.store, source, created, release, milestone);
      const runner = ws.runner();

      await runner.onApplicationBootstrap();

      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 4 }));
      expect(runner.status().projections.map((p) => [p.name, p.position, p.applied])).toEqual(
        NAMES.map((name) => [name, last.position, 4]),
      );
    });

    it('numbers the claims in recording order', async () => {
      await appendAll(ws.store, source, created, release, milestone);

      await ws.runner().onApplicationBootstrap();

      const rows = ws.db.prepare('SELECT event_id, sequence FROM timeline_entries ORDER BY sequence').all();
      expect(rows).toEqual([
        { event_id: release.eventId, sequence: 3 },
        { event_id: milestone.eventId, sequence: 4 },
      ]);
    });
  });

  describe('restart', () => {
    it('applies nothing again after a restart on the same files', async () => {
      const last = await appendAll(ws.store, source, created, release, milestone);
      await ws.runner().onApplicationBootstrap();
      await ws.stop();
      ws.reopen();
      const restarted = ws.runner();

      await restarted.onApplicationBootstrap();

      expect(sinceStart(restarted)).toEqual(each(0));
      expect(restarted.status().projections.map((p) => [p.position, p.applied])).toEqual(
        NAMES.map(() => [last.position, 4]),
      );
      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 4 }));
      expect(ws.count('timeline_entries')).toBe(2);
    });

    it('picks up only the events stored while it was down, then live ones', async () => {
      await appendAll(ws.store, source, created, release);
      await ws.runner().onApplicationBootstrap();
      await ws.stop();
      ws.reopen();
      await append(ws.store, milestone);
      const restarted = ws.runner();

      await restarted.onApplicationBootstrap();
      expect(sinceStart(restarted)).toEqual(each(1));

      const last = await append(ws.store, wrap);
      await restarted.waitFor(last.position);

      expect(sinceStart(restarted)).toEqual(each(2));
      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 5 }));
      expect(ws.db.prepare('SELECT event_id, sequence FROM timeline_entries ORDER BY sequence').all()).toEqual([
        { event_id: release.eventId, sequence: 3 },
        { event_id: milestone.eventId, sequence: 4 },
        { event_id: wrap.eventId, sequence: 5 },
      ]);
    });

    it('replays from the start for a projection added since, while the others skip what they have seen', async () => {
      const [sources, state, timeline, ledger] = realProjections();
      const last = await appendAll(ws.store, source, created, release, milestone);
      await ws.runner([sources, state, ledger]).onApplicationBootstrap();
      await ws.stop();
      ws.reopen();
      const restarted = ws.runner([sources, state, timeline, ledger]);

      await restarted.onApplicationBootstrap();

      expect(sinceStart(restarted)).toEqual({
        'source-catalog': 0,
        'franchise-state': 0,
        timeline: 4,
        'claims-ledger': 0,
      });
      expect(ws.count('timeline_entries')).toBe(2);
      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 4 }));
    });

    it('empties every read model and replays the whole log when asked to rebuild', async () => {
      const last = await appendAll(ws.store, source, created, release, milestone);
      await ws.runner().onApplicationBootstrap();
      await ws.stop();
      ws.reopen();
      ws.db.exec("UPDATE timeline_entries SET source_id = 'stale'; DELETE FROM ledger_claims; DELETE FROM sources;");
      const rebuilt = ws.runner(realProjections(), true);

      await rebuilt.onApplicationBootstrap();

      expect(sinceStart(rebuilt)).toEqual(each(4));
      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 4 }));
      expect(ws.count('sources')).toBe(1);
      expect(ws.count('ledger_claims')).toBe(2);
      expect(ws.db.prepare('SELECT event_id, source_id FROM timeline_entries ORDER BY sequence').all()).toEqual([
        { event_id: release.eventId, source_id: 'article-000' },
        { event_id: milestone.eventId, source_id: 'article-000' },
      ]);
    });
  });

  describe('read models bound to their log', () => {
    const eventFile = () => join(ws.dir, 'events.db');
    /** Another store in the same place: the event file replaced by a new one, with a log of its own. */
    const replaceEventFile = () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${eventFile()}${suffix}`, { force: true });
      ws.reopen();
    };
    /**
     * The event file as it was after `source` and `created`, put back once the read models had also
     * applied `release` and `milestone`: a store restored from an older copy of itself.
     */
    const restoreOlderCopy = async () => {
      await appendAll(ws.store, source, created);
      await ws.stop();
      copyFileSync(eventFile(), join(ws.dir, 'older.db'));
      ws.reopen();
      await appendAll(ws.store, release, milestone);
      await ws.runner().onApplicationBootstrap();
      await ws.stop();
      for (const suffix of ['-wal', '-shm']) rmSync(`${eventFile()}${suffix}`, { force: true });
      copyFileSync(join(ws.dir, 'older.db'), eventFile());
      ws.reopen();
    };
    const timelineIds = () =>
      ws.db
        .prepare<[], { event_id: string }>('SELECT event_id FROM timeline_entries ORDER BY sequence')
        .all()
        .map((r) => r.event_id);
    const startedAs = (runner: ProjectionRunner) => {
      const { readModels, reason } = runner.status();
      return { readModels, reason };
    };

    it('says it built the read models on an empty file, and resumed them on a restart', async () => {
      await appendAll(ws.store, source, created, release);
      const first = ws.runner();
      await first.onApplicationBootstrap();
      expect(startedAs(first)).toEqual({ readModels: 'built', reason: undefined });
      await ws.stop();
      ws.reopen();

      const second = ws.runner();
      await second.onApplicationBootstrap();

      expect(startedAs(second)).toEqual({ readModels: 'resumed', reason: undefined });
      expect(sinceStart(second)).toEqual(each(0));
    });

    it('rebuilds read models built from another store’s log, and then answers from the new log', async () => {
      await appendAll(ws.store, source, created, release, milestone);
      await ws.runner().onApplicationBootstrap();
      await ws.stop();
      replaceEventFile();
      const last = await appendAll(ws.store, source, created, wrap);

      const runner = ws.runner();
      await runner.onApplicationBootstrap();

      expect(startedAs(runner)).toEqual({
        readModels: 'rebuilt',
        reason: expect.stringMatching(/another event store/),
      });
      expect(timelineIds()).toEqual([wrap.eventId]);
      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 3 }));
    });

    it('refuses to start on another store’s log when configured so, naming why', async () => {
      await appendAll(ws.store, source, created, release);
      await ws.runner().onApplicationBootstrap();
      await ws.stop();
      replaceEventFile();
      ws.onMismatch = 'refuse';

      await expect(ws.runner().onApplicationBootstrap()).rejects.toThrow(ReadModelMismatchError);
      await expect(ws.runner().onApplicationBootstrap()).rejects.toThrow(/another event store/);
    });

    it('rebuilds read models that applied past the end of the log (a store restored from an older copy)', async () => {
      await restoreOlderCopy();

      const runner = ws.runner();
      await runner.onApplicationBootstrap();

      expect(startedAs(runner)).toEqual({
        readModels: 'rebuilt',
        reason: expect.stringMatching(/past the end of the log/),
      });
      expect(ws.count('timeline_entries')).toBe(0);
      expect(sinceStart(runner)).toEqual(each(2));
    });

    it('rebuilds read models whose last event is no longer the log’s at its position (an older copy restored, then written to)', async () => {
      await restoreOlderCopy();
      // The same store (same identity), and a log as long as before, but other events at the end.
      await appendAll(ws.store, wrap, ranking);

      const runner = ws.runner();
      await runner.onApplicationBootstrap();

      expect(startedAs(runner)).toEqual({
        readModels: 'rebuilt',
        reason: expect.stringMatching(
          new RegExp(`last applied event ${milestone.eventId} .* now has ${ranking.eventId}`),
        ),
      });
      expect(timelineIds()).toEqual([wrap.eventId, ranking.eventId]);
    });

    it('rebuilds read models one of whose tables is missing', async () => {
      await appendAll(ws.store, source, created, release);
      await ws.runner().onApplicationBootstrap();
      await ws.stop();
      ws.reopen();
      ws.db.exec('DROP TABLE ledger_claims');

      const runner = ws.runner();
      await runner.onApplicationBootstrap();

      expect(startedAs(runner)).toEqual({
        readModels: 'rebuilt',
        reason: 'table ledger_claims of projection claims-ledger is missing',
      });
      expect(ws.count('ledger_claims')).toBe(1);
    });
  });

  describe('live batches', () => {
    /** `count` viewership readings, each its own claim. */
    const readings = (count: number, from = 0) =>
      Array.from({ length: count }, (_, n) =>
        claim(
          'ViewershipMilestoneReached',
          { filmId: 'balle-perdue-1', views: from + n + 1, reachedOn: '2020-07' },
          'article-000',
        ),
      );
    const timelineIds = () =>
      ws.db
        .prepare<[], { event_id: string }>('SELECT event_id FROM timeline_entries ORDER BY sequence')
        .all()
        .map((r) => r.event_id);

    it('applies the live events of one group commit in one read-model transaction', async () => {
      await appendAll(ws.store, source, created, release);
      const runner = ws.runner();
      await runner.onApplicationBootstrap();
      const transactions = jest.spyOn(ws.db, 'transaction');
      const views = readings(32);

      // Concurrent writers: the store commits them together and delivers them in one go.
      const results = await Promise.all(views.map((view) => append(ws.store, view)));
      const last = results[results.length - 1].position;
      await runner.waitFor(last);

      expect(transactions).toHaveBeenCalledTimes(1);
      expect(timelineIds()).toEqual([release, ...views].map((e) => e.eventId));
      expect(ws.checkpoints()).toEqual(each({ position: last, applied: 3 + views.length }));
      expect(sinceStart(runner)).toEqual(each(3 + views.length));
      const published = ws.bus.publish.mock.calls.map(([e]: [EventRecorded]) => [e.event.eventId, e.at.sequence]);
      expect(published).toEqual(views.map((view, n) => [view.eventId, 4 + n]));
    });

    it('gathers live events nobody waits for, committed one after another, into one transaction', async () => {
      await appendAll(ws.store, source, created);
      const runner = ws.runner();
      await runner.onApplicationBootstrap();
      const transactions = jest.spyOn(ws.db, 'transaction');
      const views = readings(5);

      // One append at a time, each its own commit, as a bulk import on few streams makes them.
      for (const view of views) await append(ws.store, view);
      while (ws.count('timeline_entries') < views.length) await new Promise((resolve) => setTimeout(resolve, 10));

      expect(transactions).toHaveBeenCalledTimes(1);
      expect(timelineIds()).toEqual(views.map((e) => e.eventId));
    });

    it('applies gathered live events at once when somebody waits for one of them', async () => {
      await appendAll(ws.store, source, created);
      const runner = ws.runner();
      await runner.onApplicationBootstrap();
      const transactions = jest.spyOn(ws.db, 'transaction');
      const [first, second] = readings(2);

      await append(ws.store, first);
      const { position } = await append(ws.store, second);
      const waitedFrom = Date.now();
      await runner.waitFor(position, 60_000);

      expect(Date.now() - waitedFrom).toBeLessThan(LIVE_GATHER_MS);
      expect(transactions).toHaveBeenCalledTimes(1);
      expect(timelineIds()).toEqual([first.eventId, second.eventId]);
    });

    it('applies a live append of more events than a batch holds in a transaction per batch', async () => {
      await appendAll(ws.store, source, created);
      const runner = ws.runner();
      await runner.onApplicationBootstrap();
      const transactions = jest.spyOn(ws.db, 'transaction');
      const views = readings(APPLY_BATCH + 10);

      const { position } = await ws.store.append(
        franchiseStream('balle-perdue'),
        views.map((event) => toRecord(event)),
        'any',
      );
      await runner.waitFor(position);

      expect(transactions).toHaveBeenCalledTimes(2);
      expect(ws.count('timeline_entries')).toBe(views.length);
      expect(ws.checkpoints()).toEqual(each({ position, applied: 2 + views.length }));
    });

    it('resolves waitFor for a live event only once a batch holding it has committed', async () => {
      const { failing, projections } = withFailing();
      await appendAll(ws.store, source, created);
      const runner = ws.runner(projections);
      await runner.onApplicationBootstrap();
      failing.failOn = 'ViewershipMilestoneReached';
      const failed = failure(failing);

      // As the API does: each writer waits for its own position as soon as the store acknowledges it.
      const [released, measured] = [release, milestone].map((event) =>
        append(ws.store, event)
          .then(({ position }) => runner.waitFor(position, 60_000))
          .then(() => ws.has('timeline_entries', event.eventId)),
      );
      let measuredWaited = false;
      void measured.then(() => (measuredWaited = true));
      await failed;

      await expect(released).resolves.toBe(true);
      expect(measuredWaited).toBe(false);
      failing.failOn = undefined;
      await expect(measured).resolves.toBe(true);
    }, 30_000);

    it('keeps the live events before a failing one of the same batch, and stops every checkpoint before it', async () => {
      const { failing, projections } = withFailing();
      await appendAll(ws.store, source, created);
      const runner = ws.runner(projections);
      await runner.onApplicationBootstrap();
      failing.failOn = 'ViewershipMilestoneReached';
      const failed = failure(failing);

      const [kept] = await Promise.all([release, milestone, wrap].map((event) => append(ws.store, event)));
      await failed;

      expect(timelineIds()).toEqual([release.eventId]);
      expect(ws.has('failing_seen', milestone.eventId)).toBe(false);
      expect(ws.checkpoints()).toEqual(each({ position: kept.position, applied: 3 }, [...NAMES, 'failing']));
      expect(ws.bus.publish.mock.calls.map(([e]: [EventRecorded]) => e.event.eventId)).toEqual([release.eventId]);

      // Fixed: the runner resumes from the checkpoints and applies the rest once, in order.
      failing.failOn = undefined;
      const last = await append(ws.store, ranking);
      await runner.waitFor(last.position, 60_000);

      expect(timelineIds()).toEqual([release, milestone, wrap, ranking].map((e) => e.eventId));
      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 6 }, [...NAMES, 'failing']));
      expect(unhandled).not.toHaveBeenCalled();
    }, 30_000);

    it('counts as lag the events stored but not applied while a projection cannot follow, up to the cap, and says why', async () => {
      const { failing, projections } = withFailing();
      await appendAll(ws.store, source, created);
      const runner = ws.runner(projections);
      await runner.onApplicationBootstrap();
      expect(await runner.lag(10)).toEqual({ events: 0, atLeast: false });
      failing.failOn = 'ViewershipMilestoneReached';
      const failed = failure(failing);

      for (const event of [release, milestone, wrap, ranking]) await append(ws.store, event);
      await failed;

      // The release went in with the first batch or not, but the milestone and everything after it wait.
      const { events } = await runner.lag(10);
      expect(events).toBeGreaterThanOrEqual(3);
      expect(await runner.lag(2)).toEqual({ events: 2, atLeast: true });
      expect(runner.status()).toMatchObject({
        subscription: 'reconnecting',
        problem: 'applying events failed (see the log)',
      });

      failing.failOn = undefined;
      await runner.waitFor(
        (await append(ws.store, claim('FilmReleased', { filmId: 'x', title: 'X', releasedOn: '2021' }, 'article-000')))
          .position,
        60_000,
      );
      expect(await runner.lag(10)).toEqual({ events: 0, atLeast: false });
      expect(runner.status().problem).toBeUndefined();
    }, 30_000);

    it('applies every event once and in log order when writes keep coming while it catches up, then live', async () => {
      const before = readings(APPLY_BATCH + 10);
      await appendAll(ws.store, source, created);
      await ws.store.append(
        franchiseStream('balle-perdue'),
        before.map((event) => toRecord(event)),
        'any',
      );
      const during = readings(20, before.length);
      const after = readings(20, before.length + during.length);
      const runner = ws.runner();

      const booted = runner.onApplicationBootstrap();
      await Promise.all(during.map((view) => append(ws.store, view)));
      await booted;
      const results = await Promise.all(after.map((view) => append(ws.store, view)));
      await runner.waitFor(results[results.length - 1].position);

      const all = [...before, ...during, ...after];
      expect(timelineIds()).toEqual(all.map((e) => e.eventId));
      const sequences = ws.db
        .prepare<[], { sequence: number }>('SELECT sequence FROM timeline_entries ORDER BY sequence')
        .all();
      expect(sequences.map((r) => r.sequence)).toEqual(all.map((_, n) => 3 + n));
      expect(ws.checkpoints()).toEqual(
        each({ position: results[results.length - 1].position, applied: 2 + all.length }),
      );
      expect(sinceStart(runner)).toEqual(each(2 + all.length));
    });

    it('applies at shutdown the live events delivered but not yet applied', async () => {
      await appendAll(ws.store, source, created);
      const runner = ws.runner();
      await runner.onApplicationBootstrap();

      const records = [release, milestone].map((event) => toRecord(event));
      const { position } = await ws.store.append(franchiseStream('balle-perdue'), records, 'any');
      // The append's answer comes first: the store has delivered the events, the runner's batch is still open.
      runner.beforeApplicationShutdown();

      expect(timelineIds()).toEqual([release.eventId, milestone.eventId]);
      expect(ws.checkpoints()).toEqual(each({ position, applied: 4 }));
    });
  });

  describe('waitFor', () => {
    it('resolves once the event at the position is applied, when another process wrote it', async () => {
      await appendAll(ws.store, source, created);
      const runner = ws.runner();
      await runner.onApplicationBootstrap();
      const writer = ws.openStore();

      const { position } = await append(writer, release);
      const before = ws.has('timeline_entries', release.eventId);
      await runner.waitFor(position, 60_000);

      expect(before).toBe(false);
      expect(ws.has('timeline_entries', release.eventId)).toBe(true);
      expect(ws.checkpoints()).toEqual(each({ position, applied: 3 }));
    });

    it('resolves at once for a position already applied', async () => {
      const first = await appendAll(ws.store, source);
      await appendAll(ws.store, created, release);
      const runner = ws.runner();
      await runner.onApplicationBootstrap();

      await expect(runner.waitFor(first.position, 60_000)).resolves.toBeUndefined();
    });
  });

  describe('event bus', () => {
    it('publishes live events but not those caught up at start-up', async () => {
      await appendAll(ws.store, source, created, release);
      const runner = ws.runner();
      await runner.onApplicationBootstrap();
      expect(ws.bus.publish).not.toHaveBeenCalled();

      const { position } = await append(ws.store, milestone);
      await runner.waitFor(position);

      expect(ws.bus.publish).toHaveBeenCalledTimes(1);
      const published = ws.bus.publish.mock.calls[0][0];
      expect(published).toBeInstanceOf(EventRecorded);
      expect(published).toEqual(
        new EventRecorded(milestone, { streamId: franchiseStream('balle-perdue'), revision: 2, position, sequence: 4 }),
      );
    });

    it('publishes a live event only once it is in the read models', async () => {
      const runner = ws.runner();
      await runner.onApplicationBootstrap();
      const seen: boolean[] = [];
      ws.bus.publish.mockImplementation((e: EventRecorded) => seen.push(ws.has('sources', e.event.eventId)));

      const { position } = await append(ws.store, source);
      await runner.waitFor(position);

      expect(seen).toEqual([true]);
    });
  });

  describe('events of unknown type', () => {
    const unknown = { id: randomUUID(), type: 'FilmRemade', data: { franchiseId: 'balle-perdue' }, metadata: {} };

    it('skips an event of unknown type while catching up but moves every checkpoint past it', async () => {
      await appendAll(ws.store, source, created);
      await ws.store.append(franchiseStream('balle-perdue'), [unknown], 'any');
      const last = await append(ws.store, release);
      const runner = ws.runner();

      await runner.onApplicationBootstrap();

      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 4 }));
      expect(ws.count('timeline_entries')).toBe(1);
      expect(ws.has('timeline_entries', unknown.id)).toBe(false);
    });

    it('skips a live event of unknown type without publishing it, and moves every checkpoint past it', async () => {
      await appendAll(ws.store, source, created);
      const runner = ws.runner();
      await runner.onApplicationBootstrap();

      const { position } = await ws.store.append(franchiseStream('balle-perdue'), [unknown], 'any');
      await runner.waitFor(position);

      expect(ws.bus.publish).not.toHaveBeenCalled();
      expect(ws.checkpoints()).toEqual(each({ position, applied: 3 }));
      expect(sinceStart(runner)).toEqual(each(3));
    });
  });

  describe('crash safety', () => {
    const ALL = [...NAMES, 'failing'];

    it('rolls back the rows and the checkpoints of every projection when one fails on a live event', async () => {
      const { failing, projections } = withFailing();
      const applied = await appendAll(ws.store, source, created, release);
      const runner = ws.runner(projections);
      await runner.onApplicationBootstrap();
      failing.failOn = 'ViewershipMilestoneReached';
      const failed = failure(failing);

      await append(ws.store, milestone);
      await failed;

      expect(failing.failures).toBe(1);
      expect(ws.has('timeline_entries', milestone.eventId)).toBe(false);
      expect(ws.has('failing_seen', milestone.eventId)).toBe(false);
      expect(ws.has('ledger_claims', milestone.eventId)).toBe(false);
      expect(ws.has('state_claims', milestone.eventId)).toBe(false);
      expect(ws.checkpoints()).toEqual(each({ position: applied.position, applied: 3 }, ALL));
      expect(runner.status().projections.every((p) => p.position === applied.position)).toBe(true);
      expect(ws.bus.publish).not.toHaveBeenCalled();
    });

    it('never moves a checkpoint past an event that failed: later events wait until it is applied', async () => {
      const { failing, projections } = withFailing();
      const applied = await appendAll(ws.store, source, created, release);
      const runner = ws.runner(projections);
      await runner.onApplicationBootstrap();
      failing.failOn = 'ViewershipMilestoneReached';

      await append(ws.store, milestone);
      await append(ws.store, wrap);

      expect(ws.has('timeline_entries', wrap.eventId)).toBe(false);
      expect(ws.checkpoints()).toEqual(each({ position: applied.position, applied: 3 }, ALL));

      // The projection is fixed: the runner resumes from the checkpoints and loses nothing.
      failing.failOn = undefined;
      const last = await append(ws.store, ranking);
      await runner.waitFor(last.position, 60_000);

      expect(ws.db.prepare('SELECT event_id FROM timeline_entries ORDER BY sequence').all()).toEqual(
        [release, milestone, wrap, ranking].map((e) => ({ event_id: e.eventId })),
      );
      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 6 }, ALL));
      expect(unhandled).not.toHaveBeenCalled();
    }, 30_000);

    it('does not report start-up done while an event cannot be applied, and applies it once it can', async () => {
      const { failing, projections } = withFailing();
      const applied = await appendAll(ws.store, source, created, release);
      const last = await appendAll(ws.store, milestone, wrap);
      failing.failOn = 'ViewershipMilestoneReached';
      const failed = failure(failing);
      const runner = ws.runner(projections);

      const booted = runner.onApplicationBootstrap();
      await failed;

      expect(runner.status().caughtUp).toBe(false);
      expect(ws.checkpoints()).toEqual(each({ position: applied.position, applied: 3 }, ALL));

      failing.failOn = undefined;
      await booted;

      expect(runner.status().caughtUp).toBe(true);
      expect(ws.checkpoints()).toEqual(each({ position: last.position, applied: 5 }, ALL));
      expect(ws.has('timeline_entries', milestone.eventId)).toBe(true);
      expect(unhandled).not.toHaveBeenCalled();
    }, 30_000);

    it('leaves the writer’s append unharmed when a projection fails', async () => {
      const { failing, projections } = withFailing();
      const runner = ws.runner(projections);
      await runner.onApplicationBootstrap();
      failing.failOn = 'SourceRegistered';
      const failed = failure(failing);

      await expect(append(ws.store, source)).resolves.toMatchObject({ nextRevision: 0 });
      await failed;
      expect(failing.failures).toBe(1);
    });
  });
});
