import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable, defer, from, switchMap } from 'rxjs';

const OUT_OF_TURN = Symbol('outOfTurn');

/** A route answered as soon as it arrives, never queued behind reads: the health probes. */
export const OutOfTurn = () => SetMetadata(OUT_OF_TURN, true);

/**
 * Starts at most one read per turn of the event loop. A read runs its SQL synchronously, and
 * Node runs every callback that is ready before it looks at the sockets again: sixteen heavy
 * reads queued together would all run before a health probe that arrived meanwhile, which
 * would then wait for all of them. Taking turns, anything not queued here (health, writes) waits
 * for one read at most. Written here: Nest and Fastify have no scheduling of handlers.
 */
@Injectable()
export class ReadTurnsInterceptor implements NestInterceptor {
  private readonly waiting: (() => void)[] = [];
  private turning = false;

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { method } = context.switchToHttp().getRequest<FastifyRequest>();
    const outOfTurn = this.reflector.getAllAndOverride<boolean>(OUT_OF_TURN, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (method !== 'GET' || outOfTurn) return next.handle();
    return defer(() => from(this.turn())).pipe(switchMap(() => next.handle()));
  }

  private turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (this.turning) return;
      this.turning = true;
      setImmediate(() => this.next());
    });
  }

  /** Lets the oldest waiting read go; the next one goes on the next turn, after the sockets are read. */
  private next(): void {
    const resolve = this.waiting.shift();
    if (!resolve) {
      this.turning = false;
      return;
    }
    resolve();
    setImmediate(() => this.next());
  }
}
