/**
 * Long-lived calls (reads, subscriptions, BatchAppend) and how they end: when the client cancels,
 * or when the emulator stops — then each is failed with UNAVAILABLE, as a client sees a server
 * going away, so that no open call keeps the process (or jest) alive.
 */
import type { ServerErrorResponse } from '@grpc/grpc-js';
import { shuttingDownError } from './errors';

/** A call's lifetime: `signal` aborts when the client cancels or the emulator stops. */
export interface CallScope {
  readonly signal: AbortSignal;
  /** Ends the registration; call once the call has been answered. */
  readonly release: () => void;
}

interface EndableCall {
  on(event: 'cancelled' | 'close', listener: () => void): unknown;
  emit(event: 'error', error: ServerErrorResponse): boolean;
}

export class ActiveCalls {
  private readonly calls = new Map<EndableCall, AbortController>();
  private stopping = false;

  get isStopping(): boolean {
    return this.stopping;
  }

  track(call: EndableCall): CallScope {
    const controller = new AbortController();
    const release = (): void => {
      this.calls.delete(call);
      controller.abort();
    };
    call.on('cancelled', release);
    call.on('close', release);
    this.calls.set(call, controller);
    if (this.stopping) this.fail(call);
    return { signal: controller.signal, release };
  }

  /** Fails every open call with UNAVAILABLE and refuses to keep new ones open. */
  stopAll(): void {
    this.stopping = true;
    for (const call of [...this.calls.keys()]) this.fail(call);
  }

  private fail(call: EndableCall): void {
    const controller = this.calls.get(call);
    this.calls.delete(call);
    controller?.abort();
    call.emit('error', shuttingDownError());
  }
}

/** Writes one message, waiting for the transport to drain when its buffer is full. */
export function send<T>(
  call: { write(message: T): boolean; once(event: 'drain', listener: () => void): unknown },
  message: T,
  signal: AbortSignal,
): Promise<void> {
  if (signal.aborted || call.write(message)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    call.once('drain', done);
    signal.addEventListener('abort', done);
  });
}
