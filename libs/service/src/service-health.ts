import { APP_CONFIG, AppConfig } from '@app/config';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { ProjectionRunner } from '@app/projections';
import { Inject, Injectable, Logger } from '@nestjs/common';

/** How long the store may take to answer a health probe before it counts as unreachable. */
export const STORE_PROBE_TIMEOUT_MS = 1000;

export interface StoreHealth {
  reachable: boolean;
  /** Why it is not reachable, for operators: it may name hosts. */
  problem?: string;
}

export interface ReadModelHealth extends ReturnType<ProjectionRunner['status']> {
  /** Events of the log not applied yet (at least that many when `lagAtLeast`); null if the log cannot be read. */
  lag: number | null;
  lagAtLeast: boolean;
  /** The lag above which the read models are too far behind to serve: HEALTH_MAX_LAG. */
  maxLag: number;
}

/**
 * What the health endpoints report: whether the store answers, and how far the read models
 * are behind it. Every probe is bounded in time, so a dead store never hangs a health check.
 */
@Injectable()
export class ServiceHealth {
  private readonly logger = new Logger(ServiceHealth.name);
  private reachable = true;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async eventStore(): Promise<StoreHealth> {
    try {
      await withTimeout(this.store.lastPosition());
      if (!this.reachable) this.logger.log('the event store answers health probes again');
      this.reachable = true;
      return { reachable: true };
    } catch (error) {
      const problem = (error as Error).message;
      // Once when it goes, not at every probe.
      if (this.reachable) this.logger.warn(`the event store does not answer health probes: ${problem}`);
      this.reachable = false;
      return { reachable: false, problem };
    }
  }

  async readModels(): Promise<ReadModelHealth> {
    const { maxLag } = this.config.health;
    // One past the limit is enough to tell "too far behind" from "just at the limit".
    const lag = await withTimeout(this.projections.lag(maxLag + 1)).catch(() => null);
    return {
      ...this.projections.status(),
      lag: lag?.events ?? null,
      lagAtLeast: lag?.atLeast ?? false,
      maxLag,
    };
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${STORE_PROBE_TIMEOUT_MS} ms`)),
      STORE_PROBE_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
