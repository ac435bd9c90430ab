import { ReadTurns } from './read-turns';

/**
 * A request through the hooks: held or let go by `admit`, then a handler that keeps the CPU busy
 * for `ms` (as a read's synchronous SQL does), logs its name and answers (`answered`).
 */
function request(turns: ReadTurns, name: string, ms: number, log: string[], method = 'GET', url = '/franchises') {
  const req = { method, url };
  return new Promise<void>((resolve) =>
    turns.admit(req, undefined, () => {
      const until = performance.now() + ms;
      while (performance.now() < until);
      log.push(name);
      turns.answered(req, undefined, '', () => resolve());
    }),
  );
}

/** Something already waiting for the event loop (a health probe, say), then three 20 ms reads arriving together. */
async function race(budgetMs: number): Promise<string[]> {
  const turns = new ReadTurns(budgetMs);
  const log: string[] = [];
  setImmediate(() => log.push('other'));
  await Promise.all(['read 1', 'read 2', 'read 3'].map((name) => request(turns, name, 20, log)));
  await new Promise((resolve) => setImmediate(resolve));
  return log;
}

describe('ReadTurns', () => {
  it('with no budget, lets one read go a turn: the first at once, each other one after the loop has gone round', async () => {
    expect(await race(0)).toEqual(['read 1', 'other', 'read 2', 'read 3']);
  });

  it('lets reads go at once while the budget of the turn lasts', async () => {
    expect(await race(1000)).toEqual(['read 1', 'read 2', 'read 3', 'other']);
  });

  it('holds the reads past the budget until the loop has gone round', async () => {
    // The first read ends 10 ms before the 30 ms budget is spent, the second 10 ms after.
    expect(await race(30)).toEqual(['read 1', 'read 2', 'other', 'read 3']);
  });

  it('lets the next held read go as soon as one is answered, while the turn has time left', async () => {
    const turns = new ReadTurns(30);
    const log: string[] = [];
    setImmediate(() => log.push('other'));
    // Reads 1 and 2 go at once and spend the budget; 3 and 4 wait for the next pass, where 3 ends
    // with time left, so 4 goes right after it: before what was scheduled after them all.
    const reads = ['read 1', 'read 2', 'read 3', 'read 4'].map((name) => request(turns, name, 20, log));
    setImmediate(() => log.push('after them'));
    await Promise.all(reads);
    await new Promise((resolve) => setImmediate(resolve));

    expect(log).toEqual(['read 1', 'read 2', 'other', 'read 3', 'read 4', 'after them']);
  });

  it('never holds writes, health probes or the API docs', async () => {
    const turns = new ReadTurns(0);
    const log: string[] = [];
    const reads = [request(turns, 'read 1', 1, log), request(turns, 'read 2', 1, log)];
    const others = [
      request(turns, 'write', 1, log, 'POST'),
      request(turns, 'probe', 1, log, 'GET', '/health/ready'),
      request(turns, 'docs', 1, log, 'GET', '/docs'),
    ];
    await Promise.all([...reads, ...others]);

    expect(log).toEqual(['read 1', 'write', 'probe', 'docs', 'read 2']);
  });
});
