import { randomUUID } from 'node:crypto';
import { RunningApp, TEST_PRINCIPAL, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

describe.each(STORE_KINDS)('appending claims over HTTP (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const eventCount = async () => (await http.get('/franchises/balle-perdue/events')).body.events.length;
  const release = (over: Record<string, unknown> = {}) => ({
    filmId: 'balle-perdue-1',
    releasedOn: '2020-06-19',
    platform: 'Netflix',
    sourceId: 'article-002',
    ...over,
  });

  beforeAll(async () => {
    running = await startApp({ kind });
    await http.post('/sources', {
      id: 'e2e-source',
      name: 'A later round-up',
      publishedOn: '2023-01-15',
      language: 'en',
    });
  });
  afterAll(() => running.dispose());

  it('records a claim and answers 201 with its id, revision and global position', async () => {
    const before = await eventCount();
    const answer = await http.post('/franchises/balle-perdue/viewership-milestones', {
      filmId: 'balle-perdue-2',
      views: 1_000_000,
      reachedOn: '2022-11',
      sourceId: 'e2e-source',
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ eventId: expect.any(String), revision: before, position: expect.any(String) });
    const events = (await http.get('/franchises/balle-perdue/events')).body.events;
    expect(events.at(-1)).toMatchObject({
      eventId: answer.body.eventId,
      type: 'ViewershipMilestoneReached',
      sourceId: 'e2e-source',
      recordedBy: TEST_PRINCIPAL,
      recordedAt: '2026-11-23T10:00:00.000Z',
    });
    const state = (await http.get('/franchises/balle-perdue/state')).body;
    expect(state.films.find((f: any) => f.filmId === 'balle-perdue-2').peakViews).toBe(1_000_000);
  });

  it('traces each event to the request that caused it, within the client’s correlation id', async () => {
    const answer = await http.post(
      '/franchises/balle-perdue/greenlights',
      { filmId: 'balle-perdue-3', greenlitOn: '2022', by: 'Netflix', sourceId: 'e2e-source' },
      { 'x-correlation-id': 'story-42', 'x-request-id': 'req-7f3a' },
    );
    const events = (await http.get('/franchises/balle-perdue/events')).body.events;
    expect(events.find((e: any) => e.eventId === answer.body.eventId)).toMatchObject({
      correlationId: 'story-42',
      causationId: 'req-7f3a',
    });
    const seeded = events[0];
    expect(seeded).toMatchObject({ correlationId: 'seed', causationId: 'seed:line-1' });
  });

  it('answers a retry with the same eventId and body with the original answer and no second event', async () => {
    const body = { filmId: 'balle-perdue-2', wrappedOn: '2022', sourceId: 'e2e-source', eventId: randomUUID() };
    const first = await http.post('/franchises/balle-perdue/production-wraps', body);
    const count = await eventCount();
    const retry = await http.post('/franchises/balle-perdue/production-wraps', body);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await eventCount()).toBe(count);
  });

  it('answers 409 to the same eventId with another body, naming eventId', async () => {
    const eventId = randomUUID();
    await http.post('/franchises/balle-perdue/production-wraps', {
      filmId: 'balle-perdue-2',
      wrappedOn: '2022',
      sourceId: 'e2e-source',
      eventId,
    });
    const count = await eventCount();
    const clash = await http.post('/franchises/balle-perdue/production-wraps', {
      filmId: 'balle-perdue-2',
      wrappedOn: '2021',
      sourceId: 'e2e-source',
      eventId,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.errors).toEqual([expect.objectContaining({ field: 'eventId' })]);
    expect(await eventCount()).toBe(count);
  });

  it('derives the id from the claim when none is given, so re-sending an article’s claim is a no-op', async () => {
    const count = await eventCount();
    const again = await http.post('/franchises/balle-perdue/releases', release({ title: 'Balle perdue' }));
    expect(again.status).toBe(200);
    expect(await eventCount()).toBe(count);
  });

  it('serves the revision as ETag and answers 412 to a stale If-Match, appending nothing', async () => {
    const franchise = await http.get('/franchises/balle-perdue');
    const etag = franchise.headers.get('etag')!;
    expect(etag).toBe(`"${franchise.body.revision}"`);

    const fresh = await http.post(
      '/franchises/balle-perdue/chart-rankings',
      {
        filmId: 'balle-perdue-1',
        chart: 'netflix-top-10-films',
        rank: 3,
        rankedOn: '2020-07',
        territory: 'FR',
        sourceId: 'e2e-source',
      },
      { 'if-match': etag },
    );
    expect(fresh.status).toBe(201);
    expect(fresh.body.revision).toBe(franchise.body.revision + 1);

    const count = await eventCount();
    const stale = await http.post(
      '/franchises/balle-perdue/chart-rankings',
      {
        filmId: 'balle-perdue-1',
        chart: 'netflix-top-10-films',
        rank: 2,
        rankedOn: '2020-07',
        territory: 'FR',
        sourceId: 'e2e-source',
      },
      { 'if-match': etag },
    );
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await eventCount()).toBe(count);
  });

  it('lets exactly one of several writers pinned to the same revision through; the rest get 412', async () => {
    const { revision } = (await http.get('/franchises/balle-perdue')).body;
    const answers = await Promise.all(
      [2, 3, 4, 5, 6].map((rank) =>
        http.post(
          '/franchises/balle-perdue/chart-rankings',
          {
            filmId: 'balle-perdue-1',
            chart: 'netflix-top-10-films',
            rank,
            rankedOn: '2020-07',
            territory: 'BE',
            sourceId: 'e2e-source',
          },
          { 'if-match': `"${revision}"` },
        ),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 412, 412, 412, 412]);
    expect((await http.get('/franchises/balle-perdue')).body.revision).toBe(revision + 1);
  });

  it('loses no update when concurrent writers do not pin a revision', async () => {
    const { revision } = (await http.get('/franchises/balle-perdue')).body;
    const answers = await Promise.all(
      [11, 12, 13, 14, 15].map((rank) =>
        http.post('/franchises/balle-perdue/chart-rankings', {
          filmId: 'balle-perdue-1',
          chart: 'netflix-top-20-films',
          rank,
          rankedOn: '2020-07',
          territory: 'CH',
          sourceId: 'e2e-source',
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.revision)).size).toBe(5);
    expect((await http.get('/franchises/balle-perdue')).body.revision).toBe(revision + 5);
  });

  describe('32 concurrent writers to one franchise', () => {
    const writers = Array.from({ length: 32 }, (_, i) => i + 1);
    const ranking = (territory: string, rank: number) => ({
      filmId: 'balle-perdue-1',
      chart: 'netflix-top-50-films',
      rank,
      rankedOn: '2020-07',
      territory,
      sourceId: 'e2e-source',
    });

    it('records every claim without If-Match, each decided again after a conflict', async () => {
      const { revision } = (await http.get('/franchises/balle-perdue')).body;
      const answers = await Promise.all(
        writers.map((rank) => http.post('/franchises/balle-perdue/chart-rankings', ranking('AT', rank))),
      );
      expect(answers.map((a) => a.status)).toEqual(writers.map(() => 201));
      const revisions = answers.map((a) => a.body.revision).sort((a, b) => a - b);
      expect(revisions).toEqual(writers.map((i) => revision + i));
      expect((await http.get('/franchises/balle-perdue')).body.revision).toBe(revision + 32);
    });

    it('lets exactly one through when all send the same If-Match; the others get 412', async () => {
      const { revision } = (await http.get('/franchises/balle-perdue')).body;
      const answers = await Promise.all(
        writers.map((rank) =>
          http.post('/franchises/balle-perdue/chart-rankings', ranking('PT', rank), { 'if-match': `"${revision}"` }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 412)).toHaveLength(31);
      expect((await http.get('/franchises/balle-perdue')).body.revision).toBe(revision + 1);
    });
  });

  describe('refuses bad input with a 4xx problem naming the field, and appends nothing', () => {
    it.each([
      ['an unknown field', '/releases', release({ director: 'Guillaume Pierret' }), 400, 'director'],
      ['an impossible date', '/releases', release({ releasedOn: '2020-02-30' }), 400, 'releasedOn'],
      ['a date in another format', '/releases', release({ releasedOn: '19/06/2020' }), 400, 'releasedOn'],
      [
        'negative views',
        '/viewership-milestones',
        { filmId: 'balle-perdue-1', views: -5, reachedOn: '2020-07', sourceId: 'article-000' },
        400,
        'views',
      ],
      [
        'views that are not an integer',
        '/viewership-milestones',
        { filmId: 'balle-perdue-1', views: 1.5, reachedOn: '2020-07', sourceId: 'article-000' },
        400,
        'views',
      ],
      ['a missing source', '/releases', release({ sourceId: undefined }), 400, 'sourceId'],
      ['an unknown source', '/releases', release({ sourceId: 'no-such-article' }), 422, 'sourceId'],
      [
        'an unknown film for a milestone',
        '/viewership-milestones',
        { filmId: 'balle-perdue-9', views: 5, reachedOn: '2020-07', sourceId: 'article-000' },
        422,
        'filmId',
      ],
      [
        'a release after the source was published',
        '/releases',
        release({ filmId: 'balle-perdue-2', releasedOn: '2022-11-10', sourceId: 'article-003' }),
        422,
        'releasedOn',
      ],
      ['an eventId that is not a UUID', '/releases', release({ eventId: 'abc' }), 400, 'eventId'],
    ])('%s', async (_, path, body, status, field) => {
      const count = await eventCount();
      const answer = await http.post(`/franchises/balle-perdue${path}`, body);
      expect(answer.status).toBe(status);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(JSON.stringify(answer.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
      expect(await eventCount()).toBe(count);
    });

    it('an unknown franchise: 404 naming franchiseId', async () => {
      const answer = await http.post('/franchises/no-such-franchise/releases', release());
      expect(answer.status).toBe(404);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'franchiseId' })]);
      expect((await http.get('/franchises/no-such-franchise/events')).status).toBe(404);
    });

    it('a body that is not JSON: 400 problem', async () => {
      const count = await eventCount();
      const answer = await http.post('/franchises/balle-perdue/releases', '{"filmId": ', {
        'content-type': 'application/json',
      });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/problem\+json/);
      expect(await eventCount()).toBe(count);
    });

    it('an If-Match that is not a revision: 400 naming If-Match', async () => {
      const answer = await http.post('/franchises/balle-perdue/releases', release({ platform: 'TV' }), {
        'if-match': 'yesterday',
      });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'If-Match' })]);
    });
  });

  describe('sources and franchises', () => {
    const source = { id: 'e2e-other', name: 'Another article', publishedOn: '2021-03', language: 'fr' };

    it('registers a source: 201, the same body again 200, another body 409', async () => {
      expect((await http.post('/sources', source)).status).toBe(201);
      expect((await http.post('/sources', source)).status).toBe(200);
      const clash = await http.post('/sources', { ...source, publishedOn: '2021-04' });
      expect(clash.status).toBe(409);
      expect(clash.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
      expect((await http.get('/sources/e2e-other')).body.publishedOn).toBe('2021-03');
    });

    it('creates a franchise: 201, then it is listed with revision 0; another title for the same id is 409', async () => {
      const created = await http.post('/franchises', { id: 'tyler-rake-2', title: 'Tyler Rake 2' });
      expect(created.status).toBe(201);
      expect((await http.get('/franchises/tyler-rake-2')).body).toMatchObject({
        id: 'tyler-rake-2',
        revision: 0,
        aliases: [],
      });
      expect((await http.post('/franchises', { id: 'tyler-rake-2', title: 'Tyler Rake 2' })).status).toBe(200);
      expect((await http.post('/franchises', { id: 'tyler-rake-2', title: 'Extraction 2' })).status).toBe(409);
    });

    it('refuses a franchise id that is not a slug', async () => {
      const answer = await http.post('/franchises', { id: 'Balle Perdue!', title: 'x' });
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'id' })]);
    });
  });
});
