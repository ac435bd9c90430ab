import { QueryBus } from '@nestjs/cqrs';
import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

describe.each(STORE_KINDS)('answers served again until the read models change (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  let executed: jest.SpyInstance;

  beforeAll(async () => {
    running = await startApp({ kind });
    await http.post('/sources', { id: 'cache-source', name: 'Later', publishedOn: '2023-01-15', language: 'en' });
  });
  beforeEach(() => {
    executed = jest.spyOn(running.app.get(QueryBus), 'execute');
  });
  afterEach(() => executed.mockRestore());
  afterAll(() => running.dispose());

  it('answers the same URL again without asking the read models, with the same body and headers', async () => {
    const url = '/franchises/balle-perdue/timeline?asOf=2022&limit=2';
    const first = await http.get(url);
    const again = await http.get(url);

    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('link')).toBe(first.headers.get('link'));
    expect(first.headers.get('link')).toContain('cursor=');
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(executed).toHaveBeenCalledTimes(1);
  });

  it('answers afresh once a write has changed the read models', async () => {
    const url = '/franchises/balle-perdue/state';
    const peak = async () => (await http.get(url)).body.films.find((f: any) => f.filmId === 'balle-perdue-2').peakViews;
    const before = await peak();
    const written = await http.post('/franchises/balle-perdue/viewership-milestones', {
      filmId: 'balle-perdue-2',
      views: 987_654_321,
      reachedOn: '2023-01',
      sourceId: 'cache-source',
    });
    expect(written.status).toBe(201);

    expect(before).not.toBe(987_654_321);
    expect(await peak()).toBe(987_654_321);
  });

  it('keeps no refusal: a bad query is refused every time', async () => {
    const url = '/franchises/balle-perdue/state?asOf=2020-02-30';
    expect((await http.get(url)).status).toBe(400);
    expect((await http.get(url)).status).toBe(400);
  });

  it('serves the franchise again with its revision as ETag', async () => {
    const first = await http.get('/franchises/balle-perdue');
    const again = await http.get('/franchises/balle-perdue');

    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(first.headers.get('etag')).toMatch(/^"\d+"$/);
    expect(again.body).toEqual(first.body);
  });
});
