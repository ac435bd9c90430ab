import { EVENT_TYPES, TimelineEvent, fromRecord } from '@app/domain';
import { GlobalPosition, StoredEvent } from '@app/event-store';
import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { Projection } from '../projection';
import { Checkpoint, CheckpointTable } from './checkpoint-table';

const KNOWN_TYPES = new Set<string>(EVENT_TYPES);

/** An event as applied: `sequence` is its ordinal in the log as the read models count it (recording order). */
export interface AppliedEvent {
  stored: StoredEvent;
  /** Undefined for an event of a type this version does not know (skipped, its checkpoint moved past). */
  event?: TimelineEvent;
  sequence: number;
}

/**
 * Applies events to every projection that has not seen them, in log order, and moves their
 * checkpoints, in one read-model transaction: all of it or, if one apply fails, none. Keeps the
 * checkpoints as last committed, and how many events each projection applied since start.
 */
export class BatchApplier {
  readonly checkpoints = new Map<string, Checkpoint>();
  readonly appliedSinceStart = new Map<string, number>();
  private readonly handled: Map<Projection, Set<string>>;
  private readonly logger = new Logger('ProjectionRunner');

  constructor(
    private readonly db: Database.Database,
    private readonly projections: readonly Projection[],
    private readonly table: CheckpointTable,
    private readonly compare: (a: GlobalPosition, b: GlobalPosition) => number,
  ) {
    this.handled = new Map(projections.map((p) => [p, new Set<string>(p.handles)]));
  }

  /** Takes the stored checkpoints as they stand (at start, once the tables are ready). */
  load(): void {
    for (const [name, checkpoint] of this.table.read()) this.checkpoints.set(name, checkpoint);
    for (const { name } of this.projections) this.appliedSinceStart.set(name, 0);
  }

  /** The position every projection has applied up to, or undefined when one has applied nothing. */
  lowest(): GlobalPosition | undefined {
    const positions = this.projections.map(({ name }) => this.checkpoints.get(name)?.position);
    if (positions.includes(undefined)) return undefined;
    return (positions as GlobalPosition[]).reduce((min, p) => (this.compare(p, min) < 0 ? p : min));
  }

  /**
   * Applies the batch in one transaction; if it fails, event by event, so that those before the
   * failing one are kept and it alone throws. `committed` hears of each transaction once committed.
   */
  apply(batch: StoredEvent[], committed: (applied: AppliedEvent[]) => void): void {
    try {
      committed(this.applyTogether(batch));
    } catch (error) {
      if (batch.length === 1) throw error;
      for (const stored of batch) committed(this.applyTogether([stored]));
    }
  }

  private applyTogether(batch: StoredEvent[]): AppliedEvent[] {
    const events: AppliedEvent[] = batch.map((stored) => {
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
        const checkpoints = this.table.read();
        for (const entry of events) {
          const { stored, event } = entry;
          for (const projection of this.projections) {
            const seen = applied.get(projection.name) ?? checkpoints.get(projection.name)!;
            if (seen.position !== undefined && this.compare(stored.position, seen.position) <= 0) continue;
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
          if (checkpoint) this.table.save(projection, checkpoint);
        }
        return checkpoints;
      })
      .immediate();
    // Only once committed: a failed apply must leave the in-memory checkpoints where they were.
    for (const [name, checkpoint] of [...current, ...applied]) this.checkpoints.set(name, checkpoint);
    for (const [name, count] of counts) {
      this.appliedSinceStart.set(name, (this.appliedSinceStart.get(name) ?? 0) + count);
    }
    return events;
  }
}
