import { EVENT_TYPES, fromRecord } from '@app/domain';
import { EVENT_STORE, EventStore, GlobalPosition, StoredEvent } from '@app/event-store';
import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import type Database from 'better-sqlite3';
import { Subscription, timer } from 'rxjs';
import { EventRecorded } from './event-recorded.event';
import { PROJECTIONS, Projection } from './projection';
import { READ_MODEL_DATABASE } from './read-model.database';

export const PROJECTION_OPTIONS = Symbol('PROJECTION_OPTIONS');

export interface ProjectionOptions {
  /** Empty every read model and replay the whole log at start. */
  rebuild: boolean;
}

interface Checkpoint {
  position?: GlobalPosition;
  applied: number;
}

export interface ProjectionStatus {
  name: string;
  position: GlobalPosition | null;
  applied: number;
  appliedSinceStart: number;
}

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

/**
 * Feeds every projection from one subscription to the global log, resuming from the stored
 * checkpoints. Each event is applied to every projection that has not seen it, and their
 * checkpoints move, in one read-model transaction.
 */
@Injectable()
export class ProjectionRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ProjectionRunner.name);
  private readonly checkpoints = new Map<string, Checkpoint>();
  private readonly appliedSinceStart = new Map<string, number>();
  private readonly waiters = new Set<{ position: GlobalPosition; resolve: () => void }>();
  private subscription?: Subscription;
  private upsertCheckpoint?: Database.Statement;
  private lastPosition?: GlobalPosition;
  private live = false;
  private stopped = false;
  private caughtUp!: Promise<void>;
  private markCaughtUp!: () => void;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_DATABASE) private readonly db: Database.Database,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    @Inject(PROJECTION_OPTIONS) private readonly options: ProjectionOptions,
    private readonly eventBus: EventBus,
  ) {
    this.caughtUp = new Promise((resolve) => (this.markCaughtUp = resolve));
  }

  /** Resolves once the read models hold every event stored before start-up. */
  async onApplicationBootstrap(): Promise<void> {
    this.prepare();
    this.subscribe();
    await this.caughtUp;
  }

  /** Before the databases close. */
  beforeApplicationShutdown(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
  }

  /** Resolves when the read models have applied the event at `position` (read-your-writes). */
  waitFor(position: GlobalPosition, timeoutMs = 5000): Promise<void> {
    if (this.lastPosition !== undefined && this.store.comparePositions(this.lastPosition, position) >= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const waiter = { position, resolve };
      this.waiters.add(waiter);
      // A slow projection must not hold the writer's answer forever: the write is already durable.
      setTimeout(() => this.waiters.delete(waiter) && resolve(), timeoutMs).unref();
    });
  }

  status(): { caughtUp: boolean; projections: ProjectionStatus[] } {
    return {
      caughtUp: this.live,
      projections: this.projections.map(({ name }) => ({
        name,
        position: this.checkpoints.get(name)?.position ?? null,
        applied: this.checkpoints.get(name)?.applied ?? 0,
        appliedSinceStart: this.appliedSinceStart.get(name) ?? 0,
      })),
    };
  }

  private prepare(): void {
    const read = this.db.prepare<[string], { position: string | null; applied: number }>(
      'SELECT position, applied FROM projection_checkpoints WHERE projection = ?',
    );
    this.db.transaction(() => {
      for (const projection of this.projections) {
        projection.migrate(this.db);
        if (this.options.rebuild) {
          projection.reset(this.db);
          this.db.prepare('DELETE FROM projection_checkpoints WHERE projection = ?').run(projection.name);
        }
        const row = read.get(projection.name);
        this.checkpoints.set(projection.name, { position: row?.position ?? undefined, applied: row?.applied ?? 0 });
        this.appliedSinceStart.set(projection.name, 0);
      }
    })();
    if (this.options.rebuild) this.logger.log('rebuilding every projection from the start of the log');
  }

  private subscribe(): void {
    const positions = [...this.checkpoints.values()].map((c) => c.position);
    // Resume from the projection furthest behind; the others skip what they have seen.
    const after = positions.includes(undefined)
      ? undefined
      : (positions as string[]).reduce((min, p) => (this.store.comparePositions(p, min) < 0 ? p : min));
    this.subscription = this.store.subscribeToAll({ after }).subscribe({
      next: (message) => (message.kind === 'event' ? this.handle(message.event) : this.onCaughtUp()),
      error: (error) => this.resubscribe(error),
    });
  }

  private onCaughtUp(): void {
    this.live = true;
    this.markCaughtUp();
  }

  /** The store dropped the subscription (a server restart, say): resume from the checkpoints. */
  private resubscribe(error: unknown): void {
    if (this.stopped) return;
    this.logger.warn(`subscription to the event log failed, resuming in 1s: ${String(error)}`);
    this.subscription = timer(1000).subscribe(() => !this.stopped && this.subscribe());
  }

  private saveCheckpoint(name: string, checkpoint: Checkpoint): void {
    this.upsertCheckpoint ??= this.db.prepare(
      `INSERT INTO projection_checkpoints (projection, position, applied) VALUES (?, ?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position, applied = excluded.applied`,
    );
    this.upsertCheckpoint.run(name, checkpoint.position ?? null, checkpoint.applied);
  }

  private handle(stored: StoredEvent): void {
    const pending = this.projections.filter((p) => {
      const seen = this.checkpoints.get(p.name)?.position;
      return seen === undefined || this.store.comparePositions(stored.position, seen) > 0;
    });
    if (pending.length > 0) {
      const event = KNOWN_TYPES.has(stored.type) ? fromRecord(stored) : undefined;
      if (!event) this.logger.warn(`skipping event ${stored.id} of unknown type ${stored.type}`);
      const updates = new Map<string, Checkpoint>();
      this.db.transaction(() => {
        for (const projection of pending) {
          const checkpoint = { position: stored.position, applied: this.checkpoints.get(projection.name)!.applied + 1 };
          if (event) {
            projection.apply(this.db, event, {
              streamId: stored.streamId,
              revision: stored.revision,
              position: stored.position,
              sequence: checkpoint.applied,
            });
          }
          this.saveCheckpoint(projection.name, checkpoint);
          updates.set(projection.name, checkpoint);
        }
      })();
      for (const [name, checkpoint] of updates) {
        this.checkpoints.set(name, checkpoint);
        this.appliedSinceStart.set(name, (this.appliedSinceStart.get(name) ?? 0) + 1);
      }
      if (event && this.live) {
        const sequence = [...updates.values()][0].applied;
        const { streamId, revision, position } = stored;
        this.eventBus.publish(new EventRecorded(event, { streamId, revision, position, sequence }));
      }
    }
    this.lastPosition = stored.position;
    for (const waiter of this.waiters) {
      if (this.store.comparePositions(stored.position, waiter.position) >= 0) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
