import { PositionWaiters } from './position-waiters';

describe('PositionWaiters', () => {
  const waiters = () => new PositionWaiters((a, b) => Number(a) - Number(b));
  afterEach(() => jest.useRealTimers());

  it('answers a waiter once the read models reach its position or pass it, not before', async () => {
    const w = waiters();
    const answered = jest.fn();
    void w.wait('5', 60_000).then(answered);

    w.release('4');
    await Promise.resolve();
    expect(answered).not.toHaveBeenCalled();
    w.release('6');
    await Promise.resolve();
    expect(answered).toHaveBeenCalled();
    expect(w.size).toBe(0);
  });

  it('answers after the timeout all the same: the write it waits for is durable', async () => {
    jest.useFakeTimers();
    const w = waiters();
    const answered = jest.fn();
    void w.wait('5', 1000).then(answered);

    await jest.advanceTimersByTimeAsync(1000);

    expect(answered).toHaveBeenCalled();
    expect(w.size).toBe(0);
  });
});
