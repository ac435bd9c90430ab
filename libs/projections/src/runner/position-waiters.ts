import { GlobalPosition } from '@app/event-store';

interface Waiter {
  position: GlobalPosition;
  resolve: () => void;
}

/** Read-your-writes: callers waiting until the read models have applied the event at a position. */
export class PositionWaiters {
  private readonly waiting = new Set<Waiter>();

  constructor(private readonly compare: (a: GlobalPosition, b: GlobalPosition) => number) {}

  get size(): number {
    return this.waiting.size;
  }

  /** Resolves once `release` reaches the position, or after `timeoutMs` (the write is durable either way). */
  wait(position: GlobalPosition, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter = { position, resolve };
      this.waiting.add(waiter);
      setTimeout(() => this.waiting.delete(waiter) && resolve(), timeoutMs).unref();
    });
  }

  /** The read models hold everything up to `applied`. */
  release(applied: GlobalPosition): void {
    for (const waiter of this.waiting) {
      if (this.compare(applied, waiter.position) >= 0) {
        this.waiting.delete(waiter);
        waiter.resolve();
      }
    }
  }
}
