import { EventStore, EventStoreUnavailableError, GlobalPosition, StoredEvent } from '@app/event-store';
import { Logger } from '@nestjs/common';
import { Subscription, tap, timer } from 'rxjs';

export type SubscriptionState = 'catching-up' | 'live' | 'reconnecting';

const FIRST_RETRY_DELAY_MS = 1_000;
const MAX_RETRY_DELAY_MS = 30_000;

export interface LogReader {
  /** Where to start (again): after the position every projection has applied. */
  resumeFrom(): GlobalPosition | undefined;
  event(event: StoredEvent): void;
  caughtUp(): void;
  /** The subscription ended: what it delivered and was not applied is delivered again. */
  dropped(): void;
}

/**
 * Follows the global log with one subscription, and takes it up again when the store drops it
 * (a server restart, say), from where the reader resumes, waiting longer after each failure in a
 * row (1 s, 2 s, 4 s... at most 30 s). A reader that throws ends the subscription the same way:
 * an event that cannot be applied is delivered again rather than skipped.
 */
export class LogFollower {
  state: SubscriptionState = 'catching-up';
  /** Why it last stopped following (the store away, a full disk), until it catches up again. */
  problem?: string;
  private subscription?: Subscription;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly store: EventStore,
    private readonly reader: LogReader,
    private readonly logger: Logger,
  ) {}

  start(): void {
    // Handled inside `tap`: a reader that throws ends the subscription with an error.
    this.subscription = this.store
      .subscribeToAll({ after: this.reader.resumeFrom() })
      .pipe(
        tap((message) => {
          this.failures = 0;
          if (message.kind === 'event') return this.reader.event(message.event);
          this.reader.caughtUp();
          this.problem = undefined;
          this.state = 'live';
        }),
      )
      .subscribe({ error: (error) => this.retry(error) });
  }

  /** A failure outside the subscription's delivery (a flush scheduled later): ends it as one inside does. */
  fail(error: unknown): void {
    this.subscription?.unsubscribe();
    this.retry(error);
  }

  stop(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
  }

  private retry(error: unknown): void {
    if (this.stopped) return;
    this.reader.dropped();
    this.state = 'reconnecting';
    this.problem = publicReason(error);
    const delay = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** this.failures);
    this.failures += 1;
    const say = this.failures === 1 ? 'warn' : 'debug';
    this.logger[say](`subscription to the event log failed, resuming in ${delay} ms: ${String(error)}`);
    this.subscription = timer(delay).subscribe(() => {
      if (this.stopped) return;
      this.state = 'catching-up';
      this.start();
    });
  }
}

/** What /health may say of a failure: its kind, never its message, which can name hosts and credentials. */
function publicReason(error: unknown): string {
  if ((error as { code?: unknown })?.code === 'SQLITE_FULL') return 'no space left for the read models';
  if (error instanceof EventStoreUnavailableError) return 'the event store cannot be reached';
  return 'applying events failed (see the log)';
}
