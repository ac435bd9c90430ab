import { EVENT_TYPES, fromRecord } from '@app/domain';
import { EVENT_STORE, EventStore, EventStoreUnavailableError, GlobalPosition, StoredEvent } from '@app/event-store';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { Subscription, tap, timer } from 'rxjs';
import { EventRecorded } from './event-recorded.event';
import { PROJECTIONS, Projection, createTables, createdTables, dropTables } from './projection';
import { READ_MODEL_DATABASE } from './read-model.database';

export const PROJECTION_OPTIONS = Symbol('PROJECTION_OPTIONS');

export interface ProjectionOptions {
  /** Empty every read model and replay the whole log at start. */
  rebuild: boolean;
  /** When the read models do not match the log (another store, a shorter log, a missing table): rebuild them, or refuse to start. */
  onMismatch: 'rebuild' | 'refuse';
}

/** How the read models started: resumed from their checkpoints, built on an empty file, or rebuilt (and why). */
export interface ReadModelStart {
  readModels: 'resumed' | 'built' | 'rebuilt';
  reason?: string;
}

/** The read models do not match the event log and are configured not to be rebuilt (READ_MODELS_ON_MISMATCH=refuse). */
export class ReadModelMismatchError extends Error {
  constructor(readonly reason: string) {
    super(
      `the read models do not match the event log: ${reason}; start with READ_MODELS_ON_MISMATCH=rebuild to rebuild them`,
    );
    this.name = 'ReadModelMismatchError';
  }
}

interface Checkpoint {
  position?: GlobalPosition;
  applied: number;
  /** The id of the event at `position`: the log still has it there, unless it was rewritten. */
  eventId?: string;
}

export interface ProjectionStatus {
  name: string;
  position: GlobalPosition | null;
  applied: number;
  appliedSinceStart: number;
}

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);
const FIRST_RETRY_DELAY_MS = 1_000;
const MAX_RETRY_DELAY_MS = 30_000;
/**
 * Most events applied in one read-model transaction: one commit for many events, whether caught
 * up at start or delivered live together (a group commit, a multi-event append). A rebuild of
 * 100,000 events took 23.5 s at 1,000 and 15.3 s at 10,000 here (fewer commits, fewer WAL
 * checkpoints); a batch holds that many events in memory, some 10-20 MB.
 */
export const APPLY_BATCH = 10_000;
/**
 * Live events nobody waits for (a bulk import, another process's writes) are gathered this long
 * before they are applied, so that many small group commits make one read-model transaction:
 * each commit writes every page it touched, and small ones touched some 35 pages an event here.
 * An event somebody waits for (`waitFor`: read-your-writes) is applied at once.
 */
export const LIVE_GATHER_MS = 100;

export type SubscriptionState = 'catching-up' | 'live' | 'reconnecting';

/**
 * Feeds every projection from one subscription to the global log, resuming from the stored
 * checkpoints. Each event is applied to every projection that handles its type and has not
 * seen it, and every checkpoint moves past it, in one read-model transaction.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly checkpoints = new Map<string, Checkpoint>();
  private readonly appliedSinceStart = new Map<string, number>();
  private readonly waiters = new Set<{ position: GlobalPosition; resolve: () => void }>();
  private subscription?: Subscription;
  private upsertCheckpoint?: Database.Statement;
  private selectCheckpoints?: Database.Statement;
  private lastPosition?: GlobalPosition;
  private live = false;
  private state: SubscriptionState = 'catching-up';
  private failures = 0;
  /** Why the read models last stopped following the log (the store away, a full disk), until they catch up again. */
  private problem?: string;
  private pending: StoredEvent[] = [];
  private flushScheduled = false;
  private gathering?: NodeJS.Timeout;
  private stopped = false;
  private caughtUp!: Promise<void>;
  private started: ReadModelStart = { readModels: 'resumed' };
  private markCaughtUp!: () => void;
  private readonly handled: Map<Projection, Set<string>>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly db: Database.Database,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(PROJECTION_OPTIONS) private readonly options: ProjectionOptions,
    private readonly eventBus: EventBus,
  ) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    this.handled = new Map(projections.map((p) => [p, new Set<string>(p.handles)]));
  }

  /** Resolves once the read models hold every event stored before start-up. */
  async onApplicationBootstrap(): Promise<void> {
    const identity = await this.store.identity();
    const mismatch = await this.mismatch(identity);
    if (mismatch && this.options.onMismatch === 'refuse') throw new ReadModelMismatchError(mismatch);
    this.prepare(identity, mismatch);
    this.subscribe();
    await this.caughtUp;
  }

  /**
   * Why the read models cannot be trusted to follow this log, if they cannot: they were built from
   * another store, they have applied past the log's end (a store restored from an older copy), or
   * a table of theirs is missing.
   */
  private async mismatch(identity: string): Promise<string | undefined> {
    const bound = this.db.prepare<[], { store_id: string }>('SELECT store_id FROM read_model_binding').get()?.store_id;
    if (bound !== undefined && bound !== identity) {
      return `they were built from another event store (${bound}; this one is ${identity})`;
    }
    const checkpoints = [...this.readCheckpoints()].filter(([, c]) => c.position !== undefined);
    if (checkpoints.length === 0) return undefined;
    const last = await this.store.lastPosition();
    for (const [name, { position }] of checkpoints) {
      if (last === undefined || this.store.comparePositions(position!, last) > 0) {
        return `projection ${name} has applied up to ${position}, past the end of the log (${last ?? 'empty'})`;
      }
    }
    const checked = new Map<GlobalPosition, string | undefined>();
    for (const [name, { position, eventId }] of checkpoints) {
      if (eventId === undefined) continue;
      if (!checked.has(position!)) checked.set(position!, (await this.store.eventAt(position!))?.id);
      if (checked.get(position!) !== eventId) {
        return `projection ${name} last applied event ${eventId} at ${position}, where the log now has ${checked.get(position!) ?? 'none'} (a log rewritten since, as from an older copy)`;
      }
    }
    const tables = new Set(
      this.db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((t) => t.name),
    );
    for (const projection of this.projections) {
      if (!checkpoints.some(([name]) => name === projection.name)) continue;
      const missing = createdTables(projection).find((table) => !tables.has(table));
      if (missing) return `table ${missing} of projection ${projection.name} is missing`;
    }
    return undefined;
  }

  /** Before the databases close: live events delivered but not yet applied are applied now. */
  beforeApplicationShutdown(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
    try {
      this.flush();
    } catch (error) {
      // Not applied, so not checkpointed: the next start receives them again.
      this.logger.warn(`live events left unapplied at shutdown: ${String(error)}`);
    }
  }

  /** Resolves when the read models have applied the event at `position` (read-your-writes). */
  waitFor(position: GlobalPosition, timeoutMs = 5000): Promise<void> {
    if (this.lastPosition !== undefined && this.store.comparePositions(this.lastPosition, position) >= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const waiter = { position, resolve };
      this.waiters.add(waiter);
      if (this.pending.length > 0) this.scheduleFlush();
      // A slow projection must not hold the writer's answer forever: the write is already durable.
      setTimeout(() => this.waiters.delete(waiter) && resolve(), timeoutMs).unref();
    });
  }

  status(): ReadModelStart & {
    caughtUp: boolean;
    subscription: SubscriptionState;
    problem?: string;
    projections: ProjectionStatus[];
  } {
    return {
      caughtUp: this.live,
      ...this.started,
      subscription: this.state,
      ...(this.problem ? { problem: this.problem } : {}),
      projections: this.projections.map(({ name }) => ({
        name,
        position: this.checkpoints.get(name)?.position ?? null,
        applied: this.checkpoints.get(name)?.applied ?? 0,
        appliedSinceStart: this.appliedSinceStart.get(name) ?? 0,
      })),
    };
  }

  /**
   * How many events of the log the read models have not applied yet, counted up to `cap` (the
   * log is read from the lowest checkpoint, so a long lag costs `cap` events, not the lag).
   */
  async lag(cap: number): Promise<{ events: number; atLeast: boolean }> {
    const positions = this.projections.map(({ name }) => this.checkpoints.get(name)?.position);
    const lowest = positions.includes(undefined)
      ? undefined
      : (positions as GlobalPosition[]).reduce((a, b) => (this.store.comparePositions(a, b) <= 0 ? a : b));
    let events = 0;
    for await (const _ of this.store.readAll({ after: lowest, maxCount: cap })) events++;
    return { events, atLeast: events === cap };
  }

  private prepare(identity: string, mismatch: string | undefined): void {
    const fresh = [...this.readCheckpoints().values()].every((c) => c.position === undefined);
    this.started = mismatch
      ? { readModels: 'rebuilt', reason: mismatch }
      : this.options.rebuild
        ? { readModels: 'rebuilt', reason: 'asked for (REBUILD_PROJECTIONS)' }
        : { readModels: fresh ? 'built' : 'resumed' };
    if (mismatch) this.logger.warn(`rebuilding every read model: ${mismatch}`);
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM read_model_binding').run();
      this.db.prepare('INSERT INTO read_model_binding VALUES (?)').run(identity);
      for (const projection of this.projections) {
        const stored = this.db
          .prepare<[string], { version: number }>('SELECT version FROM projection_checkpoints WHERE projection = ?')
          .get(projection.name);
        const outdated = stored !== undefined && stored.version !== projection.version;
        if (this.options.rebuild || mismatch || outdated) {
          this.logger.log(`rebuilding ${projection.name} (version ${projection.version}) from the start of the log`);
          dropTables(this.db, projection);
          this.db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?').run(projection.name);
        }
        createTables(this.db, projection);
        this.appliedSinceStart.set(projection.name, 0);
      }
      for (const [name, checkpoint] of this.readCheckpoints()) this.checkpoints.set(name, checkpoint);
    })();
  }

  private subscribe(): void {
    const positions = [...this.checkpoints.values()].map((c) => c.position);
    // Resume from the projection furthest behind; the others skip what they have seen.
    const after = positions.includes(undefined)
      ? undefined
      : (positions as string[]).reduce((min, p) => (this.store.comparePositions(p, min) < 0 ? p : min));
    // Handling inside `tap`: an event that fails to apply ends the subscription with an error
    // (resumed from the checkpoints), rather than being swallowed while later events move them past it.
    this.subscription = this.store
      .subscribeToAll({ after })
      .pipe(
        tap((message) => {
          this.failures = 0;
          if (message.kind === 'caughtUp') {
            this.flush();
            this.onCaughtUp();
            return;
          }
          // Many events to a transaction, not one each: while catching up, until the batch is full;
          // live, also until the store's synchronous delivery of what arrived together ends.
          this.pending.push(message.event);
          if (this.pending.length >= APPLY_BATCH) this.flush();
          else if (this.live && this.waiters.size > 0) this.scheduleFlush();
          else if (this.live) this.gather();
        }),
      )
      .subscribe({ error: (error) => this.resubscribe(error) });
  }

  /**
   * Flushes once the current delivery is over (a microtask: before any I/O or timer, so the
   * batch adds no turn of the event loop). Outside the subscription's pipeline, so a failure
   * ends the subscription by hand, as one thrown inside `tap` does.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      try {
        this.flush();
      } catch (error) {
        this.subscription?.unsubscribe();
        this.resubscribe(error);
      }
    });
  }

  /** Applies the live events delivered so far once LIVE_GATHER_MS have passed, unless flushed before. */
  private gather(): void {
    this.gathering ??= setTimeout(() => {
      this.gathering = undefined;
      this.scheduleFlush();
    }, LIVE_GATHER_MS);
  }

  private onCaughtUp(): void {
    this.problem = undefined;
    this.live = true;
    this.state = 'live';
    this.markCaughtUp();
  }

  /**
   * The store dropped the subscription (a server restart, say): resume from the checkpoints,
   * waiting longer after each failure in a row (1 s, 2 s, 4 s... at most 30 s).
   */
  private resubscribe(error: unknown): void {
    if (this.stopped) return;
    // Buffered events were not applied: the new subscription delivers them again from the checkpoints.
    this.pending = [];
    this.state = 'reconnecting';
    this.problem = publicReason(error);
    const delay = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** this.failures);
    this.failures += 1;
    const say = this.failures === 1 ? 'warn' : 'debug';
    this.logger[say](`subscription to the event log failed, resuming in ${delay} ms: ${String(error)}`);
    this.subscription = timer(delay).subscribe(() => {
      if (this.stopped) return;
      this.state = 'catching-up';
      this.subscribe();
    });
  }

  /** Every projection's stored checkpoint, in one read: none stored reads as nothing applied. */
  private readCheckpoints(): Map<string, Checkpoint> {
    this.selectCheckpoints ??= this.db.prepare(
      'SELECT projection, position, applied, event_id FROM projection_checkpoints',
    );
    const rows = this.selectCheckpoints.all() as {
      projection: string;
      position: string | null;
      applied: number;
      event_id: string | null;
    }[];
    const stored = new Map(
      rows.map((r) => [
        r.projection,
        { position: r.position ?? undefined, applied: r.applied, eventId: r.event_id ?? undefined },
      ]),
    );
    return new Map(this.projections.map(({ name }) => [name, stored.get(name) ?? { applied: 0 }]));
  }

  private saveCheckpoint(projection: Projection, checkpoint: Checkpoint): void {
    this.upsertCheckpoint ??= this.db.prepare(
      `INSERT INTO projection_checkpoints (projection, position, applied, version, event_id) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (projection) DO UPDATE
         SET position = excluded.position, applied = excluded.applied, version = excluded.version,
             event_id = excluded.event_id`,
    );
    this.upsertCheckpoint.run(
      projection.name,
      checkpoint.position ?? null,
      checkpoint.applied,
      projection.version,
      checkpoint.eventId ?? null,
    );
  }

  /**
   * Applies the buffered events, if any, in one transaction. If one of them fails, they
   * are applied one by one instead, so that those before it are kept and it alone stops the runner.
   */
  private flush(): void {
    clearTimeout(this.gathering);
    this.gathering = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      this.handle(batch);
    } catch (error) {
      if (batch.length === 1) throw error;
      for (const stored of batch) this.handle([stored]);
    }
  }

  /**
   * Applies events, in order, to every projection that has not seen them, and moves the
   * checkpoints, in one read-model transaction: all of it or, if one apply fails, none.
   */
  private handle(batch: StoredEvent[]): void {
    const events = batch.map((stored) => {
      const event = KNOWN_TYPES.has(stored.type) ? fromRecord(stored) : undefined;
      if (!event) this.logger.warn(`skipping event ${stored.id} of unknown type ${stored.type}`);
      return { stored, event, sequence: 0 };
    });
    const applied = new Map<string, Checkpoint>();
    const counts = new Map<string, number>();
    // IMMEDIATE, and checkpoints read inside: another process sharing these read models (the
    // CLI importing while the API serves) may have applied some of the events already.
    const current = this.db
      .transaction(() => {
        const checkpoints = this.readCheckpoints();
        for (const entry of events) {
          const { stored, event } = entry;
          for (const projection of this.projections) {
            const seen = applied.get(projection.name) ?? checkpoints.get(projection.name)!;
            if (seen.position !== undefined && this.store.comparePositions(stored.position, seen.position) <= 0) {
              continue;
            }
            const next = { position: stored.position, applied: seen.applied + 1, eventId: stored.id };
            if (event && this.handled.get(projection)!.has(event.type)) {
              const { streamId, revision, position } = stored;
              projection.apply(this.db, event, { streamId, revision, position, sequence: next.applied });
            }
            applied.set(projection.name, next);
            counts.set(projection.name, (counts.get(projection.name) ?? 0) + 1);
            entry.sequence = Math.max(entry.sequence, next.applied);
          }
          // An event every projection had seen (another process applied it) keeps the log's count
          // as it stands at that event, not at the end of the batch: published ordinals stay in order.
          entry.sequence ||= Math.max(
            ...this.projections.map((p) => (applied.get(p.name) ?? checkpoints.get(p.name)!).applied),
          );
        }
        for (const projection of this.projections) {
          const checkpoint = applied.get(projection.name);
          if (checkpoint) this.saveCheckpoint(projection, checkpoint);
        }
        return checkpoints;
      })
      .immediate();
    // Only once committed: a failed apply must leave the in-memory checkpoints where they were.
    for (const [name, checkpoint] of [...current, ...applied]) this.checkpoints.set(name, checkpoint);
    for (const [name, count] of counts)
      this.appliedSinceStart.set(name, (this.appliedSinceStart.get(name) ?? 0) + count);
    if (this.live) {
      for (const { stored, event, sequence } of events) {
        if (!event) continue;
        const { streamId, revision, position } = stored;
        this.eventBus.publish(new EventRecorded(event, { streamId, revision, position, sequence }));
      }
    }
    const last = batch[batch.length - 1].position;
    this.lastPosition = last;
    for (const waiter of this.waiters) {
      if (this.store.comparePositions(last, waiter.position) >= 0) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}

/** What /health may say of a failure: its kind, never its message, which can name hosts and credentials. */
function publicReason(error: unknown): string {
  if ((error as { code?: unknown })?.code === 'SQLITE_FULL') return 'no space left for the read models';
  if (error instanceof EventStoreUnavailableError) return 'the event store cannot be reached';
  return 'applying events failed (see the log)';
}
