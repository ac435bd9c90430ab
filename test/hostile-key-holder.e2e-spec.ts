import { ApiKeys } from '@app/commands';
import { Scope, deriveEventId } from '@app/domain';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { randomUUID } from 'node:crypto';
import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

/**
 * The attacks a probe made as a hostile `write`-key holder (issue 19), replayed: each is refused
 * with a 4xx naming its field and changes nothing, on both stores.
 */
describe.each(STORE_KINDS)('a hostile write-key holder (%s)', (kind) => {
  let running: RunningApp;
  let attacker: string;
  const http = client(() => running);
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  const issue = async (principal: string, scopes: Scope[]) =>
    (await running.app.get(ApiKeys).issue(principal, scopes, { recordedBy: 'system:e2e' })).token;
  /** A claim the attacker may otherwise make: a release of film 1 from a source of its own. */
  const release = (extra: Record<string, unknown>) => ({
    filmId: 'balle-perdue-1',
    releasedOn: '2020-06-26',
    sourceId: 'hostile-blog',
    ...extra,
  });
  const eventCount = async () => (await http.get('/franchises/balle-perdue/events?limit=1000')).body.events.length;
  const believedRelease = async (query = '') => {
    const state = (await http.get(`/franchises/balle-perdue/state?asOf=2023-01-01${query}`)).body;
    return state.films.find((f: any) => f.filmId === 'balle-perdue-1').releasedOn;
  };

  beforeAll(async () => {
    running = await startApp({ kind });
    attacker = await issue('attacker', ['write']);
    const registered = await http.post(
      '/sources',
      { id: 'hostile-blog', name: 'A hostile blog', publishedOn: '2022-12-01' },
      as(attacker),
    );
    expect(registered.status).toBe(201);
  });
  afterAll(() => running.dispose());

  describe('ids the service derives', () => {
    it('cannot make its own key impossible to revoke by taking the revocation’s id first', async () => {
      const victim = await issue('squatter', ['write']);
      const keyId = victim.split('_')[1];
      const revocationId = deriveEventId({ type: 'ApiKeyRevoked', keyId });

      for (const eventId of [revocationId, revocationId.toUpperCase()]) {
        const squat = await http.post('/franchises/balle-perdue/releases', release({ eventId }), as(victim));
        expect(squat.status).toBe(400);
        expect(squat.body.errors).toEqual([expect.objectContaining({ field: 'eventId' })]);
      }
      const { revoked } = await running.app.get(ApiKeys).revoke('squatter', { recordedBy: 'system:e2e' });

      expect(revoked.map((key) => key.keyId)).toEqual([keyId]);
      expect((await http.post('/franchises/balle-perdue/releases', release({}), as(victim))).status).toBe(401);
    });

    it('revokes a key whose old derived revocation id a client took before ids were reserved', async () => {
      const victim = await issue('early-squatter', ['write']);
      const keyId = victim.split('_')[1];
      // As an older version let a claim take it: the id is used, in another stream.
      const squatted = { id: deriveEventId({ type: 'ApiKeyRevoked', keyId }), type: 'Squat', data: {}, metadata: {} };
      await running.app.get<symbol, EventStore>(EVENT_STORE).append(`squat-${kind}`, [squatted], 'any');

      const { revoked } = await running.app.get(ApiKeys).revoke('early-squatter', { recordedBy: 'system:e2e' });
      const again = await running.app.get(ApiKeys).revoke(keyId, { recordedBy: 'system:e2e' });

      expect(revoked.map((key) => key.keyId)).toEqual([keyId]);
      expect(again.revoked).toEqual([]);
      expect((await http.post('/franchises/balle-perdue/releases', release({}), as(victim))).status).toBe(401);
    });

    it.each([
      {
        what: 'a franchise',
        derived: deriveEventId({ type: 'FranchiseCreated', franchiseId: 'star-wars' }),
        create: () => http.post('/franchises', { id: 'star-wars', title: 'Star Wars' }),
      },
      {
        what: 'a source',
        derived: deriveEventId({ type: 'SourceRegistered', sourceId: 'star-wars-news' }),
        create: () => http.post('/sources', { id: 'star-wars-news', name: 'Star Wars news', publishedOn: '2022-12' }),
      },
    ])('cannot reserve the id of $what to be created', async ({ derived, create }) => {
      const before = await eventCount();

      const squat = await http.post('/franchises/balle-perdue/releases', release({ eventId: derived }), as(attacker));

      expect(squat.status).toBe(400);
      expect(squat.body.errors).toEqual([expect.objectContaining({ field: 'eventId' })]);
      expect(await eventCount()).toBe(before);
      expect((await create()).status).toBe(201);
    });

    it('cannot take the id another source’s claim will be derived from', async () => {
      // What an importer will derive, without an id of its own, for article 004's claim of a sequel.
      const stated = { filmId: 'balle-perdue-3', title: 'Balle perdue 3', announcedOn: '2022-11' };
      const derived = deriveEventId({
        franchiseId: 'balle-perdue',
        type: 'SequelAnnounced',
        sourceId: 'article-004',
        data: { franchiseId: 'balle-perdue', ...stated },
      });

      const squat = await http.post('/franchises/balle-perdue/releases', release({ eventId: derived }), as(attacker));

      expect(squat.status).toBe(400);
    });

    it('cannot reuse an id of its own in another franchise, on either store, so neither claim is lost', async () => {
      const eventId = randomUUID();
      const trilogy = { confirmedOn: '2022-11', sourceId: 'hostile-blog', eventId };
      const first = await http.post('/franchises/balle-perdue/trilogy-confirmations', trilogy, as(attacker));

      const second = await http.post('/franchises/tyler-rake/trilogy-confirmations', trilogy, as(attacker));

      expect(first.status).toBe(201);
      expect(second.status).toBe(409);
      expect(second.body.errors).toEqual([expect.objectContaining({ field: 'eventId' })]);
      const timeline = (await http.get('/franchises/balle-perdue/timeline?limit=1000')).body.entries;
      expect(timeline.filter((entry: any) => entry.eventId === eventId)).toHaveLength(1);
      const events = (await http.get('/franchises/tyler-rake/events?limit=1000')).body.events;
      expect(events.filter((event: any) => event.eventId === eventId)).toEqual([]);
    });

    it('takes no id for a claim it refuses, so ids cannot be reserved in bulk', async () => {
      const eventId = randomUUID();
      const trilogy = { confirmedOn: '2022-11', sourceId: 'hostile-blog', eventId };
      const refused = [
        await http.post('/franchises/no-such-franchise/trilogy-confirmations', trilogy, as(attacker)),
        await http.post(
          '/franchises/balle-perdue/trilogy-confirmations',
          { ...trilogy, confirmedOn: '2099' },
          as(attacker),
        ),
      ];

      const used = await http.post('/franchises/tyler-rake/trilogy-confirmations', trilogy, as(attacker));

      expect(refused.map((answer) => answer.status)).toEqual([404, 422]);
      expect(used.status).toBe(201);
    });

    it('still retries idempotently with an id of its own choosing', async () => {
      const eventId = randomUUID();
      const first = await http.post('/franchises/balle-perdue/releases', release({ eventId }), as(attacker));
      const retry = await http.post(
        '/franchises/balle-perdue/releases',
        release({ eventId: eventId.toUpperCase() }),
        as(attacker),
      );

      expect([first.status, retry.status]).toEqual([201, 200]);
      expect(retry.body.eventId).toBe(eventId);
    });
  });

  it('cannot withdraw other sources’ claims by superseding them', async () => {
    const ledger = (await http.get('/franchises/balle-perdue/claims?filmId=balle-perdue-1&field=releasedOn')).body;
    const june19 = ledger.facts[0].values.find((v: any) => v.value === '2020-06-19').claims;
    const believed = await believedRelease();
    const before = await eventCount();

    for (const { eventId } of june19) {
      const answer = await http.post(
        '/franchises/balle-perdue/releases',
        release({ supersedes: eventId }),
        as(attacker),
      );

      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'supersedes' })]);
    }
    expect(june19.length).toBeGreaterThanOrEqual(3);
    expect(await eventCount()).toBe(before);
    expect(await believedRelease()).toBe(believed);
  });

  it('cannot withdraw a claim by citing its source and superseding it; its own corrections still go through', async () => {
    const ledger = (await http.get('/franchises/balle-perdue/claims?filmId=balle-perdue-1&field=releasedOn')).body;
    const victim = ledger.facts[0].values.find((v: any) => v.value === '2020-06-19').claims[0];
    const impersonation = { filmId: 'balle-perdue-1', releasedOn: '2020-06-26', sourceId: victim.sourceId };

    const refused = await http.post(
      '/franchises/balle-perdue/releases',
      { ...impersonation, supersedes: victim.eventId },
      as(attacker),
    );
    const own = await http.post(
      '/franchises/balle-perdue/releases',
      release({ releasedOn: '2020-06-29' }),
      as(attacker),
    );
    const corrected = await http.post(
      '/franchises/balle-perdue/releases',
      release({ releasedOn: '2020-06-30', supersedes: own.body.eventId }),
      as(attacker),
    );

    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'supersedes' })]);
    expect([own.status, corrected.status]).toEqual([201, 201]);
  });

  it('cannot borrow an official source’s rank or date by naming it as the origin', async () => {
    const franchise = `borrowed-${kind}`;
    const sources = [
      { id: `official-${kind}`, rank: 90, publishedOn: '2021-01' },
      { id: `trade-${kind}`, rank: 50, publishedOn: '2021-03' },
      { id: `blog-${kind}`, rank: 0, publishedOn: '2021-06' },
    ];
    expect((await http.post('/franchises', { id: franchise, title: 'Borrowed' })).status).toBe(201);
    for (const { id, rank, publishedOn } of sources) {
      expect((await http.post('/sources', { id, name: id, publishedOn })).status).toBe(201);
      expect((await http.put(`/sources/${id}/reliability`, { rank })).status).toBeLessThan(300);
    }
    const claim = (sourceId: string, releasedOn: string, basedOn?: string) =>
      http.post(`/franchises/${franchise}/releases`, { filmId: 'film-1', releasedOn, sourceId, basedOn });
    expect((await claim(`trade-${kind}`, '2020-12-01')).status).toBe(201);
    expect((await claim(`blog-${kind}`, '2020-11-01', `official-${kind}`)).status).toBe(201);
    const believed = async (policy: string) =>
      (await http.get(`/franchises/${franchise}/state?policy=${policy}`)).body.films[0].releasedOn;

    // The blog is weighed as itself: rank 0, published after the trade paper.
    expect(await believed('trusted')).toBe('2020-12-01');
    expect(await believed('earliest')).toBe('2020-12-01');
    expect(await believed('latest')).toBe('2020-11-01');

    // Once the official source is recorded as claiming that date itself, the relay is weighed as it.
    expect((await claim(`official-${kind}`, '2020-11-01')).status).toBe(201);
    expect(await believed('trusted')).toBe('2020-11-01');
    expect(await believed('earliest')).toBe('2020-11-01');
  });

  it.each(['2020/..', 'XXXX', '../..', '2020-06/'])(
    'cannot report as done what happens after today from a source published %s',
    async (publishedOn) => {
      const id = `open-${Buffer.from(publishedOn).toString('hex')}`;
      expect((await http.post('/sources', { id, name: 'Open-ended', publishedOn }, as(attacker))).status).toBe(201);
      const before = await eventCount();

      const answer = await http.post(
        '/franchises/balle-perdue/releases',
        { filmId: 'balle-perdue-2', releasedOn: '2099-05-05', sourceId: id },
        as(attacker),
      );

      expect(answer.status).toBe(422);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'releasedOn' })]);
      expect(await eventCount()).toBe(before);
    },
  );

  it('cannot win policy=latest with a publication date that never ends', async () => {
    const franchise = `latest-${kind}`;
    expect((await http.post('/franchises', { id: franchise, title: 'Latest' })).status).toBe(201);
    // Registered the same day: the open one may have been published as late as that day, no later.
    const today = running.clock.now().toISOString().slice(0, 10);
    for (const [id, publishedOn] of [
      [`open-ended-${kind}`, '2020/..'],
      [`dated-${kind}`, today],
    ]) {
      expect((await http.post('/sources', { id, name: id, publishedOn }, as(attacker))).status).toBe(201);
    }
    const claim = (sourceId: string, releasedOn: string) =>
      http.post(`/franchises/${franchise}/releases`, { filmId: 'film-1', releasedOn, sourceId }, as(attacker));
    expect((await claim(`open-ended-${kind}`, '2020-11-01')).status).toBe(201);
    expect((await claim(`dated-${kind}`, '2020-12-01')).status).toBe(201);

    const state = (await http.get(`/franchises/${franchise}/state?policy=latest`)).body;

    expect(state.films[0].releasedOn).toBe('2020-12-01');
  });

  it.each(['../..', '2023/..', '../2023', 'XXXX'])('cannot date a retraction %s', async (retractedOn) => {
    const own = await http.post(
      '/franchises/balle-perdue/releases',
      release({ releasedOn: '2020-06-27', eventId: randomUUID() }),
      as(attacker),
    );
    const before = await eventCount();

    const answer = await http.post('/franchises/balle-perdue/retractions', {
      eventId: own.body.eventId,
      sourceId: 'hostile-blog',
      reason: 'withdrawn',
      retractedOn,
    });

    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'retractedOn' })]);
    expect(await eventCount()).toBe(before);
  });

  it('lets an admin key record a claim, as a write key does', async () => {
    const admin = await issue('editor-in-chief', ['admin']);

    const answer = await http.post(
      '/franchises/balle-perdue/releases',
      release({ releasedOn: '2020-06-28' }),
      as(admin),
    );

    expect(answer.status).toBe(201);
  });
});
