import { APP_CONFIG, AppConfig } from '@app/config';
import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Observable, defer, finalize, from, switchMap } from 'rxjs';

const OUT_OF_TURN = Symbol('outOfTurn');

/** A route answered as soon as it arrives, never queued behind reads: the health probes. */
export const OutOfTurn = () => SetMetadata(OUT_OF_TURN, true);

/**
 * Lets reads run in turns of the event loop, at most READ_TURN_MS of them a turn. A read runs
 * its SQL synchronously, and Node runs every callback that is ready before it looks at the
 * sockets again: sixteen heavy reads queued together would all run before a health probe that
 * arrived meanwhile, which would wait for all of them. In turns, anything not queued here (health,
 * writes) waits for one turn at most: the budget, and the one read that overran it. Each turn lets
 * one read go at least, so a read that waits on I/O holds up no other. Written here: neither Nest
 * nor Fastify schedules handlers.
 */
@Injectable()
export class ReadTurnsInterceptor implements NestInterceptor {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;
  private turnEnds = 0;

  private readonly budgetMs: number;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.budgetMs = config.http.readTurnMs;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const { method } = context.switchToHttp().getRequest<FastifyRequest>();
    const outOfTurn = this.reflector.getAllAndOverride<boolean>(OUT_OF_TURN, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (method !== 'GET' || outOfTurn) return next.handle();
    return defer(() => from(this.turn())).pipe(
      switchMap(() => next.handle()),
      finalize(() => this.finished()),
    );
  }

  private turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.turnEnds = performance.now() + this.budgetMs;
      this.release();
    });
  }

  /** Lets the oldest waiting read go, and books the next turn for those still waiting. */
  private release(): void {
    this.waiting.shift()?.();
    this.schedule();
  }

  /** A read is over: the next one goes at once if this turn has time left. */
  private finished(): void {
    if (this.waiting.length > 0 && performance.now() < this.turnEnds) this.release();
  }
}
