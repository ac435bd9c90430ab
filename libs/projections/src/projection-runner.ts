import { EVENT_STORE, EventStore, GlobalPosition, StoredEvent } from '@app/event-store';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { EventRecorded } from './event-recorded.event';
import { PROJECTIONS, Projection } from './projection';
import { READ_MODEL_DATABASE } from './read-model.database';
import { AppliedEvent, BatchApplier } from './runner/batch-applier';
import { CheckpointTable } from './runner/checkpoint-table';
import { LiveBatcher } from './runner/live-batcher';
import { LogFollower, SubscriptionState } from './runner/log-follower';
import { PositionWaiters } from './runner/position-waiters';
import { ReadModelBinding, ReadModelStart } from './runner/read-model-binding';

export { APPLY_BATCH, LIVE_GATHER_MS } from './runner/live-batcher';
export type { SubscriptionState } from './runner/log-follower';
export type { ReadModelStart } from './runner/read-model-binding';

export const PROJECTION_OPTIONS = Symbol('PROJECTION_OPTIONS');

export interface ProjectionOptions {
  /** Empty every read model and replay the whole log at start. */
  rebuild: boolean;
  /** When the read models do not match the log (another store, a shorter log, a missing table): rebuild them, or refuse to start. */
  onMismatch: 'rebuild' | 'refuse';
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

export interface ProjectionStatus {
  name: string;
  position: GlobalPosition | null;
  applied: number;
  appliedSinceStart: number;
}

/**
 * Feeds every projection from one subscription to the global log, resuming from the stored
 * checkpoints, and tells the rest of the service how far it is. Its parts, one job each:
 * `ReadModelBinding` readies the tables at start (rebuilding what must be), `LogFollower` keeps
 * the subscription (and takes it up again after a failure), `LiveBatcher` decides when delivered
 * events are applied, `BatchApplier` applies them with the checkpoints in one transaction, and
 * `PositionWaiters` answers read-your-writes. Here: start and shutdown, publishing each live event
 * once applied, and health.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly table: CheckpointTable;
  private readonly applier: BatchApplier;
  private readonly batcher: LiveBatcher;
  private readonly follower: LogFollower;
  private readonly waiters: PositionWaiters;
  private lastPosition?: GlobalPosition;
  private live = false;
  private started: ReadModelStart = { readModels: 'resumed' };
  private readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly db: Database.Database,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(PROJECTION_OPTIONS) private readonly options: ProjectionOptions,
    private readonly eventBus: EventBus,
  ) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
    const compare = (a: GlobalPosition, b: GlobalPosition) => store.comparePositions(a, b);
    this.table = new CheckpointTable(db, projections);
    this.applier = new BatchApplier(db, projections, this.table, compare);
    this.waiters = new PositionWaiters(compare);
    this.batcher = new LiveBatcher(
      (batch) => this.apply(batch),
      (error) => this.follower.fail(error),
    );
    this.follower = new LogFollower(
      store,
      {
        resumeFrom: () => this.applier.lowest(),
        event: (event) => this.batcher.push(event, { live: this.live, urgent: this.waiters.size > 0 }),
        caughtUp: () => {
          this.batcher.flush();
          this.live = true;
          this.markCaughtUp();
        },
        dropped: () => this.batcher.discard(),
      },
      this.logger,
    );
  }

  /** Resolves once the read models hold every event stored before start-up. */
  async onApplicationBootstrap(): Promise<void> {
    const identity = await this.store.identity();
    const binding = new ReadModelBinding(this.db, this.store, this.projections, this.table);
    const mismatch = await binding.mismatch(identity);
    if (mismatch && this.options.onMismatch === 'refuse') throw new ReadModelMismatchError(mismatch);
    this.started = binding.bind(identity, { rebuild: this.options.rebuild, mismatch });
    this.applier.load();
    this.follower.start();
    await this.caughtUp;
  }

  /** Before the databases close: live events delivered but not yet applied are applied now. */
  beforeApplicationShutdown(): void {
    this.follower.stop();
    try {
      this.batcher.flush();
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
    // A slow projection must not hold the writer's answer forever: the write is already durable.
    const applied = this.waiters.wait(position, timeoutMs);
    if (this.batcher.size > 0) this.batcher.flushSoon();
    return applied;
  }

  status(): ReadModelStart & {
    caughtUp: boolean;
    subscription: SubscriptionState;
    problem?: string;
    projections: ProjectionStatus[];
  } {
    const { checkpoints, appliedSinceStart } = this.applier;
    return {
      caughtUp: this.live,
      ...this.started,
      subscription: this.follower.state,
      ...(this.follower.problem ? { problem: this.follower.problem } : {}),
      projections: this.projections.map(({ name }) => ({
        name,
        position: checkpoints.get(name)?.position ?? null,
        applied: checkpoints.get(name)?.applied ?? 0,
        appliedSinceStart: appliedSinceStart.get(name) ?? 0,
      })),
    };
  }

  /**
   * How many events of the log the read models have not applied yet, counted up to `cap` (the
   * log is read from the lowest checkpoint, so a long lag costs `cap` events, not the lag).
   */
  async lag(cap: number): Promise<{ events: number; atLeast: boolean }> {
    let events = 0;
    for await (const _ of this.store.readAll({ after: this.applier.lowest(), maxCount: cap })) events++;
    return { events, atLeast: events === cap };
  }

  private apply(batch: StoredEvent[]): void {
    this.applier.apply(batch, (applied) => this.committed(applied));
  }

  /** Once a transaction committed: live events are published, and those waiting for them answered. */
  private committed(applied: AppliedEvent[]): void {
    if (this.live) {
      for (const { stored, event, sequence } of applied) {
        if (!event) continue;
        const { streamId, revision, position } = stored;
        this.eventBus.publish(new EventRecorded(event, { streamId, revision, position, sequence }));
      }
    }
    this.lastPosition = applied[applied.length - 1].stored.position;
    this.waiters.release(this.lastPosition);
  }
}
