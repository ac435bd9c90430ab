import { AppConfig } from '@app/config';
import { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { defer, lastValueFrom, of } from 'rxjs';
import { OutOfTurn, ReadTurnsInterceptor } from './read-turns.interceptor';

class Reads {}
@OutOfTurn()
class Probes {}

const contextOf = (method: string, controller: new () => object = Reads) =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ method }) }),
    getHandler: () => function handler() {},
    getClass: () => controller,
  }) as unknown as ExecutionContext;

/** A read that keeps the CPU busy for `ms`, as a read's synchronous SQL does, then logs its name. */
const costly = (name: string, ms: number, log: string[]): CallHandler => ({
  handle: () =>
    defer(() => {
      const until = performance.now() + ms;
      while (performance.now() < until);
      log.push(name);
      return of(name);
    }),
});

const interceptor = (readTurnMs: number) =>
  new ReadTurnsInterceptor(new Reflector(), { http: { readTurnMs } } as AppConfig);

/** Three 20 ms reads queued together, and something else (a health probe, say) wanting the loop just after. */
async function race(turns: ReadTurnsInterceptor): Promise<string[]> {
  const log: string[] = [];
  const reads = ['read 1', 'read 2', 'read 3'].map((name) =>
    lastValueFrom(turns.intercept(contextOf('GET'), costly(name, 20, log))),
  );
  setImmediate(() => log.push('other'));
  await Promise.all(reads);
  await new Promise((resolve) => setImmediate(resolve));
  return log;
}

describe('ReadTurnsInterceptor', () => {
  it('with no budget, lets one read go a turn, so whatever else waits goes after the first', async () => {
    expect(await race(interceptor(0))).toEqual(['read 1', 'other', 'read 2', 'read 3']);
  });

  it('lets reads go one after another in the same turn while the budget lasts', async () => {
    expect(await race(interceptor(1000))).toEqual(['read 1', 'read 2', 'read 3', 'other']);
  });

  it('gives way once the budget is spent, though reads still wait', async () => {
    // The first read ends 10 ms before the 30 ms budget is spent, the second 10 ms after.
    expect(await race(interceptor(30))).toEqual(['read 1', 'read 2', 'other', 'read 3']);
  });

  it('never queues writes, nor routes marked out of turn', async () => {
    const turns = interceptor(0);
    const log: string[] = [];
    const queued = lastValueFrom(turns.intercept(contextOf('GET'), costly('read', 1, log)));
    turns.intercept(contextOf('POST'), costly('write', 1, log)).subscribe();
    turns.intercept(contextOf('GET', Probes), costly('probe', 1, log)).subscribe();
    await queued;

    expect(log).toEqual(['write', 'probe', 'read']);
  });
});
