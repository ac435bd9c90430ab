/** Requests answered as soon as they arrive, never held behind reads. */
const OUT_OF_TURN = /^\/(health|docs)/;

interface Request {
  method: string;
  url: string;
}

/**
 * Lets reads run in turns, at most `budgetMs` of them a turn, a turn being one pass of the event
 * loop over the sockets or over its immediates. A read runs its SQL synchronously, and Node runs
 * every callback that is ready before it looks at the sockets again: sixteen heavy reads arriving
 * together would all run before a health probe that arrived meanwhile. In turns, the reads past
 * the budget wait for the next pass, and anything not held here (health, writes) waits for one
 * turn at most: the budget, and the one read that overran it. A read arriving with none waiting
 * and the turn's budget left goes at once, so a light load pays nothing. Each turn lets one read go
 * at least, so a read waiting on I/O holds up no other.
 *
 * Fastify hooks (`onRequest` holds, `onSend` marks the read done), not a Nest interceptor: a global
 * interceptor alone took 40% of the throughput of a cheap read here. Written here: neither Nest
 * nor Fastify schedules handlers.
 */
export class ReadTurns {
  private readonly waiting: (() => void)[] = [];
  private readonly held = new WeakSet<Request>();
  /** When the budget of the current turn is spent. */
  private turnEnds = 0;
  /** A turn began since the loop last went round: the next one waits for the loop. */
  private turnBegun = false;
  /** A turn is booked for the next pass over the immediates, for the reads waiting. */
  private booked = false;

  constructor(private readonly budgetMs: number) {}

  /** `onRequest`: a read goes now, or once its turn comes. */
  readonly admit = (request: Request, _reply: unknown, go: () => void): void => {
    if (request.method !== 'GET' || OUT_OF_TURN.test(request.url)) return go();
    this.held.add(request);
    if (this.waiting.length === 0 && this.mayGoNow()) return go();
    this.waiting.push(go);
    this.book();
  };

  /** `onSend`: the read's work is done; the next one goes at once if this turn has time left. */
  readonly answered = <T>(request: Request, _reply: unknown, payload: T, done: (error: null, payload: T) => void) => {
    if (this.held.delete(request) && this.waiting.length > 0 && performance.now() < this.turnEnds) this.release();
    done(null, payload);
  };

  /** Within the budget of the current turn, or beginning one, if none began since the loop went round. */
  private mayGoNow(): boolean {
    if (performance.now() < this.turnEnds) return true;
    if (this.turnBegun) return false;
    this.beginTurn();
    return true;
  }

  private beginTurn(): void {
    this.turnEnds = performance.now() + this.budgetMs;
    this.turnBegun = true;
    setImmediate(() => (this.turnBegun = false));
  }

  private book(): void {
    if (this.booked || this.waiting.length === 0) return;
    this.booked = true;
    setImmediate(() => {
      this.booked = false;
      this.beginTurn();
      this.release();
    });
  }

  /** Lets the oldest waiting read go, and books the next turn for those still waiting. */
  private release(): void {
    this.waiting.shift()?.();
    this.book();
  }
}
