import { StoredEvent } from '@app/event-store';
import { APPLY_BATCH, LIVE_GATHER_MS, LiveBatcher } from './live-batcher';

const event = (n: number) => ({ id: `e-${n}`, position: String(n) }) as StoredEvent;

describe('LiveBatcher', () => {
  let batches: string[][];
  let failed: jest.Mock;
  let batcher: LiveBatcher;
  beforeEach(() => {
    batches = [];
    failed = jest.fn();
    batcher = new LiveBatcher((batch) => batches.push(batch.map((e) => e.id)), failed);
  });
  afterEach(() => jest.useRealTimers());

  it('holds events while catching up until flushed, and applies a full batch at once', () => {
    for (let n = 0; n < APPLY_BATCH + 2; n++) batcher.push(event(n), { live: false, urgent: false });

    expect(batches.map((b) => b.length)).toEqual([APPLY_BATCH]);
    batcher.flush();
    expect(batches.map((b) => b.length)).toEqual([APPLY_BATCH, 2]);
  });

  it('applies live events somebody waits for together, once the delivery that brought them is over', async () => {
    batcher.push(event(1), { live: true, urgent: true });
    batcher.push(event(2), { live: true, urgent: true });
    expect(batches).toEqual([]);

    await Promise.resolve();

    expect(batches).toEqual([['e-1', 'e-2']]);
  });

  it('gathers live events nobody waits for during LIVE_GATHER_MS into one batch', async () => {
    jest.useFakeTimers();
    batcher.push(event(1), { live: true, urgent: false });
    await jest.advanceTimersByTimeAsync(LIVE_GATHER_MS / 2);
    batcher.push(event(2), { live: true, urgent: false });
    expect(batches).toEqual([]);

    await jest.advanceTimersByTimeAsync(LIVE_GATHER_MS / 2);

    expect(batches).toEqual([['e-1', 'e-2']]);
  });

  it('reports a failure of a flush it scheduled itself, and drops what it discards', async () => {
    const error = new Error('disk full');
    const failing = new LiveBatcher(() => {
      throw error;
    }, failed);
    failing.push(event(1), { live: true, urgent: true });
    await Promise.resolve();
    expect(failed).toHaveBeenCalledWith(error);

    batcher.push(event(2), { live: false, urgent: false });
    batcher.discard();
    batcher.flush();
    expect(batches).toEqual([]);
  });
});
