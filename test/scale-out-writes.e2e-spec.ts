import { randomUUID } from 'node:crypto';
import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

/*
 * Two API instances write one franchise's stream. Each decides on its own decision index (with
 * EventStoreDB, each instance has read models and an index of its own; with SQLite, a second
 * process on the same file, as the CLI beside the API), so each must take in what the other
 * appended before it decides: a correction of a claim the other recorded, a retry sent to the
 * other, a claim the other already withdrew.
 */
describe.each(STORE_KINDS)('two API instances writing one franchise (%s)', (kind) => {
  let first: RunningApp;
  let second: RunningApp;
  const one = client(() => first);
  const other = client(() => second);

  beforeAll(async () => {
    first = await startApp({ kind });
    second = await startApp({
      store: first.store,
      key: first.key,
      seed: false,
      ...(kind === 'sqlite' ? { dir: first.dir } : {}),
    });
  });
  afterAll(async () => {
    await second.stop();
    if (kind !== 'sqlite') await second.dispose();
    await first.dispose();
  });

  const release = (eventId: string, more: Record<string, string> = {}) => ({
    eventId,
    filmId: 'balle-perdue-2',
    releasedOn: '2022-05-06',
    sourceId: 'article-004',
    ...more,
  });

  it('decides on what the other instance appended: its claim corrected, retried, reused, withdrawn', async () => {
    const id = randomUUID();
    expect((await one.post('/franchises/balle-perdue/releases', release(id))).status).toBe(201);

    // A retry of the first instance's claim, sent to the second, is the same claim.
    expect((await other.post('/franchises/balle-perdue/releases', release(id))).status).toBe(200);
    // Its id, reused there for another claim, is refused.
    const reused = await other.post('/franchises/balle-perdue/releases', release(id, { releasedOn: '2022-05-07' }));
    expect(reused.status).toBe(409);

    // The second corrects the first's claim: it knows the claim.
    const correction = randomUUID();
    const corrected = await other.post(
      '/franchises/balle-perdue/releases',
      release(correction, { supersedes: id, platform: 'Netflix' }),
    );
    expect(corrected.status).toBe(201);

    // The first, behind, takes the correction in before deciding: the claim is withdrawn already.
    const again = await one.post(
      '/franchises/balle-perdue/releases',
      release(randomUUID(), { supersedes: id, platform: 'Netflix France' }),
    );
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'supersedes' })]);
    expect(again.body.errors[0].message).toMatch(/already retracted or superseded/);
  });
});
