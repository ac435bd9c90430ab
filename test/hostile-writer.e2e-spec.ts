import { RunningApp, client, startApp } from './support/test-app';

/** The attacks of issue 9's first paragraph, each refused with the right 4xx and nothing recorded. */
describe('a hostile writer', () => {
  let running: RunningApp;
  const http = client(() => running);
  /** Everything a write could change. */
  const snapshot = async () => ({
    events: (await http.get('/franchises/balle-perdue/events?limit=1000')).body.events.length,
    sources: (await http.get('/sources')).body.sources.length,
    franchises: (await http.get('/franchises')).body.franchises.length,
    state: (await http.get('/franchises/balle-perdue/state?asOf=2023-01-01')).body,
  });
  let before: Awaited<ReturnType<typeof snapshot>>;

  beforeAll(async () => {
    running = await startApp();
  });
  beforeEach(async () => {
    before = await snapshot();
  });
  afterEach(async () => {
    expect(await snapshot()).toEqual(before);
  });
  afterAll(() => running.dispose());

  const problem = (status: number, field?: string) =>
    expect.objectContaining({
      status,
      ...(field ? { errors: expect.arrayContaining([expect.objectContaining({ field })]) } : {}),
    });

  it('cannot rank a source without an admin key', async () => {
    const answer = await http.put('/sources/article-000/reliability', { rank: 100 }, { authorization: '' });

    expect(answer.status).toBe(401);
  });

  it('cannot retract another source’s claims from a source of its own', async () => {
    const registered = await http.post('/sources', { id: 'hostile', name: 'Hostile', publishedOn: '2023-01-01' });
    expect(registered.status).toBe(201);
    before = await snapshot();
    const claims = (await http.get('/franchises/balle-perdue/events?limit=1000')).body.events.filter(
      (e: any) => e.sourceId,
    );

    for (const claim of claims.slice(0, 5)) {
      const answer = await http.post('/franchises/balle-perdue/retractions', {
        eventId: claim.eventId,
        sourceId: 'hostile',
        reason: 'Misreported',
        retractedOn: '1900',
      });

      expect(answer.status).toBe(422);
      expect(answer.body).toEqual(problem(422, 'sourceId'));
    }
  });

  it('cannot date a source’s retraction of its own claim before the claim was published', async () => {
    const [claim] = (await http.get('/franchises/balle-perdue/events?limit=1000')).body.events.filter(
      (e: any) => e.sourceId === 'article-004',
    );

    const answer = await http.post('/franchises/balle-perdue/retractions', {
      eventId: claim.eventId,
      sourceId: 'article-004',
      reason: 'Misreported',
      retractedOn: '1900',
    });

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(problem(422, 'retractedOn'));
  });

  it('cannot register a source published in 9999, whose claims could report anything as done', async () => {
    const answer = await http.post('/sources', { id: 'from-the-future', name: 'Future', publishedOn: '9999' });

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual(problem(422, 'publishedOn'));
  });

  it.each([
    ['X-Request-Id', `<script>${'x'.repeat(8_000)}</script>`],
    ['X-Request-Id', 'a b'],
    ['X-Correlation-Id', `<script>${'x'.repeat(8_000)}`],
    ['X-Correlation-Id', 'x'.repeat(129)],
  ])('cannot have %s set to a script or a blob (case %#) stored as a tracing id', async (header, value) => {
    const answer = await http.post(
      '/franchises/balle-perdue/viewership-milestones',
      { filmId: 'balle-perdue-1', views: 99_000_000, reachedOn: '2022-12', sourceId: 'article-004' },
      { [header.toLowerCase()]: value },
    );

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(problem(400, header));
  });

  it('gets a 400, not a 500, for a body nested 1,300 levels deep', async () => {
    const deep = `${'{"a":'.repeat(1_300)}1${'}'.repeat(1_300)}`;

    const answer = await http.post('/franchises/balle-perdue/viewership-milestones', deep, {
      'content-type': 'application/json',
    });

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(answer.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it.each([
    ['a 101-character franchise id', 'GET', `/franchises/${'a'.repeat(101)}/state`, 'franchiseId'],
    ['a 101-character franchise id', 'POST', `/franchises/${'a'.repeat(101)}/releases`, 'franchiseId'],
    ['a 300-character source id', 'GET', `/sources/${'b'.repeat(300)}`, 'sourceId'],
    ['an id with a space and capitals', 'GET', '/franchises/Balle%20Perdue/state', 'franchiseId'],
  ])('gets a 400 problem+json naming the field for %s (%s)', async (_, method, path, field) => {
    const answer =
      method === 'GET'
        ? await http.get(path)
        : await http.post(path, { filmId: 'x', releasedOn: '2020', sourceId: 'article-004' });

    expect(answer.status).toBe(400);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    expect(answer.body).toEqual(problem(400, field));
  });
});
