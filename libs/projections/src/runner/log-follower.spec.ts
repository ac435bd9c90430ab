import { EventStore, StoredEvent, SubscriptionMessage } from '@app/event-store';
import { Logger } from '@nestjs/common';
import { Subject } from 'rxjs';
import { LogFollower, LogReader } from './log-follower';

/** A store whose subscriptions the test feeds, each subscription a Subject of its own. */
function fakeStore() {
  const subscriptions: { after?: string; feed: Subject<SubscriptionMessage> }[] = [];
  const store = {
    subscribeToAll: ({ after }: { after?: string }) => {
      const feed = new Subject<SubscriptionMessage>();
      subscriptions.push({ after, feed });
      return feed;
    },
  } as unknown as EventStore;
  return { store, subscriptions };
}

describe('LogFollower', () => {
  let reader: jest.Mocked<LogReader>;
  const logger = { warn: jest.fn(), debug: jest.fn() } as unknown as Logger;
  beforeEach(() => {
    jest.useFakeTimers();
    reader = { resumeFrom: jest.fn(() => '7'), event: jest.fn(), caughtUp: jest.fn(), dropped: jest.fn() };
  });
  afterEach(() => jest.useRealTimers());

  it('hands the reader each event, then is live once caught up', () => {
    const { store, subscriptions } = fakeStore();
    const follower = new LogFollower(store, reader, logger);
    follower.start();

    subscriptions[0].feed.next({ kind: 'event', event: { id: 'e-8' } as StoredEvent });
    subscriptions[0].feed.next({ kind: 'caughtUp' });

    expect(subscriptions[0].after).toBe('7');
    expect(reader.event).toHaveBeenCalledWith({ id: 'e-8' });
    expect(follower.state).toBe('live');
  });

  it('takes the subscription up again from where the reader resumes, waiting longer after each failure in a row', async () => {
    const { store, subscriptions } = fakeStore();
    const follower = new LogFollower(store, reader, logger);
    follower.start();

    subscriptions[0].feed.error(new Error('connection reset'));
    expect(follower.state).toBe('reconnecting');
    expect(follower.problem).toBe('applying events failed (see the log)');
    expect(reader.dropped).toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(999);
    expect(subscriptions).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(subscriptions).toHaveLength(2);

    subscriptions[1].feed.error(new Error('again'));
    await jest.advanceTimersByTimeAsync(1999);
    expect(subscriptions).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(1);
    expect(subscriptions).toHaveLength(3);
    subscriptions[2].feed.next({ kind: 'caughtUp' });
    expect(follower.problem).toBeUndefined();
  });

  it('ends the subscription when the reader throws, so the event is delivered again', () => {
    const { store, subscriptions } = fakeStore();
    reader.event.mockImplementation(() => {
      throw new Error('cannot apply');
    });
    const follower = new LogFollower(store, reader, logger);
    follower.start();

    subscriptions[0].feed.next({ kind: 'event', event: { id: 'e-8' } as StoredEvent });

    expect(follower.state).toBe('reconnecting');
    expect(subscriptions[0].feed.observed).toBe(false);
  });

  it('takes nothing up again once stopped', async () => {
    const { store, subscriptions } = fakeStore();
    const follower = new LogFollower(store, reader, logger);
    follower.start();
    follower.fail(new Error('flush failed'));

    follower.stop();
    await jest.advanceTimersByTimeAsync(60_000);

    expect(subscriptions).toHaveLength(1);
  });
});
