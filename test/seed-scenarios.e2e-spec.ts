import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

describe.each(STORE_KINDS)('the seeded "Balle perdue" history, asked at different dates (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const state = async (query: string) => {
    const answer = await http.get(`/franchises/balle-perdue/state?${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const film = (body: any, filmId: string) => body.films.find((f: any) => f.filmId === filmId);

  beforeAll(async () => {
    running = await startApp({ kind });
  });
  afterAll(() => running.dispose());

  it('serves the seed on a fresh store: both franchises, the five articles and the origins they name', async () => {
    const { franchises } = (await http.get('/franchises')).body;
    expect(franchises.map((f: any) => f.id)).toEqual(['balle-perdue', 'tyler-rake']);
    const { sources } = (await http.get('/sources')).body;
    expect(sources.map((s: any) => s.reference)).toEqual(
      expect.arrayContaining(['000_0683aadd1d0afccd.txt', '004_593a845838d83d5a.txt']),
    );
    expect(sources.filter((s: any) => s.kind === 'press')).toHaveLength(5);
    expect(sources.filter((s: any) => s.kind !== 'press').map((s: any) => [s.id, s.kind])).toEqual([
      ['netflix-france-twitter', 'social'],
      ['producer-motor-show', 'official'],
    ]);
  });

  it('has no film released as of 2020-06-01', async () => {
    const body = await state('asOf=2020-06-01');
    expect(body.asOf).toBe('2020-06-01');
    expect(body.films.filter((f: any) => f.released)).toEqual([]);
  });

  it('has the first film released on 2020-06-19 as of 2020-07-01, with 2020-06-26 listed as a conflict', async () => {
    const body = await state('asOf=2020-07-01');
    expect(film(body, 'balle-perdue-1')).toMatchObject({
      status: 'released',
      released: true,
      releasedOn: '2020-06-19',
    });
    const conflict = body.conflicts.find((c: any) => c.filmId === 'balle-perdue-1' && c.field === 'releasedOn');
    expect(conflict.resolved).toBe('2020-06-19');
    expect(conflict.values).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: '2020-06-19', sourceIds: ['article-000', 'article-001', 'article-002'] }),
        expect.objectContaining({ value: '2020-06-26', sourceIds: ['article-004'] }),
      ]),
    );
  });

  it('knows of no sequel and no trilogy from what was published by 2020-08-31', async () => {
    const body = await state('knownAt=2020-08-31');
    expect(body.sequelAnnounced).toBe(false);
    expect(body.trilogyConfirmed).toBe(false);
    expect(body.films.map((f: any) => f.filmId)).toEqual(['balle-perdue-1']);
  });

  it('as of 2023-01-01 has the first film released, the second only scheduled for 2022-11-10, and the trilogy confirmed', async () => {
    const body = await state('asOf=2023-01-01');
    expect(film(body, 'balle-perdue-1')).toMatchObject({ status: 'released', releasedOn: '2020-06-19' });
    // No article reports the second film as released: the state must not pretend it was.
    expect(film(body, 'balle-perdue-2')).toMatchObject({
      status: 'scheduled',
      released: false,
      scheduledOn: '2022-11-10',
      releasedOn: null,
    });
    expect(film(body, 'balle-perdue-3')).toMatchObject({ status: 'announced' });
    expect(body.sequelAnnounced).toBe(true);
    expect(body.trilogyConfirmed).toBe(true);
  });

  it('lists 37 000 views over 28 days beside 37 million over a month and as a total, and says why that is no conflict', async () => {
    const body = await state('asOf=2023-01-01');
    expect(body.conflicts.filter((c: any) => c.field === 'views')).toEqual([]);
    expect(body.viewCounts).toEqual([
      {
        filmId: 'balle-perdue-1',
        counts: [
          { window: 'P28D', value: 37_000, supportedBy: ['article-003'], origins: ['producer-motor-show'] },
          {
            window: 'P1M',
            value: 37_000_000,
            supportedBy: ['article-000', 'article-001'],
            origins: ['article-000', 'article-001'],
          },
          {
            window: null,
            value: 37_000_000,
            supportedBy: ['article-002', 'article-003'],
            origins: ['article-003', 'netflix-france-twitter'],
          },
        ],
        consistent: true,
        why: expect.stringContaining(
          'a count over a shorter window may be lower than one over a longer window, never higher',
        ),
      },
    ]);
    expect(film(body, 'balle-perdue-1').peakViews).toBe(37_000_000);
  });

  it('orders the timeline by the date things happened and filters it by asOf', async () => {
    const all = await http.get('/franchises/balle-perdue/timeline');
    const days = all.body.entries.map((e: any) => e.occurredOn);
    // By the first possible day, then the last: the greenlight (2018), then what article 003 dates from `2020~`.
    expect(days.slice(0, 4)).toEqual(['2018', '2020~', '2020~/2021-01', '2020~/2022-11-09']);
    expect(all.body.entries[4]).toMatchObject({
      type: 'FilmReleased',
      occurredOn: '2020-06-19',
      filmId: 'balle-perdue-1',
    });
    const early = await http.get('/franchises/balle-perdue/timeline?asOf=2020-06-30');
    expect(early.body.entries.map((e: any) => e.type)).toEqual([
      'ProductionGreenlit',
      'FilmReleased',
      'FilmReleased',
      'FilmReleased',
      'FilmReleased',
    ]);
    expect(early.body.entries[1]).toEqual(
      expect.objectContaining({
        summary: 'Balle perdue released on Netflix',
        sourceId: 'article-000',
        recordedAt: expect.any(String),
      }),
    );
  });

  it('audits every value claimed for each fact in the claims ledger', async () => {
    const ledger = await http.get('/franchises/balle-perdue/claims');
    const release = ledger.body.facts.find((f: any) => f.filmId === 'balle-perdue-1' && f.field === 'releasedOn');
    expect(release.disputed).toBe(true);
    expect(release.resolved).toMatchObject({
      value: '2020-06-19',
      supportedBy: ['article-000', 'article-001', 'article-002', 'article-003'],
    });
    expect(release.values.map((v: any) => v.value)).toEqual(['2020-06-19', '2020-06-26', '2020~']);
    expect(release.values[1].claims[0]).toMatchObject({
      sourceId: 'article-004',
      sourcePublishedOn: '2020-09/2022-12',
      occurredOn: '2020-06-26',
    });
    const scheduled = ledger.body.facts.find((f: any) => f.filmId === 'balle-perdue-2' && f.field === 'scheduledFor');
    expect(scheduled).toMatchObject({ disputed: false, resolved: expect.objectContaining({ value: '2022-11-10' }) });
  });

  it('lists every event that cites a source', async () => {
    const answer = await http.get('/sources/article-003/claims');
    expect(answer.body.source).toMatchObject({ id: 'article-003', publishedOn: '2022-10/2022-11-09' });
    expect(answer.body.claims.map((c: any) => c.type)).toEqual(
      expect.arrayContaining(['ProductionGreenlit', 'ViewershipMilestoneReached', 'ReleaseScheduled']),
    );
    expect(answer.body.claims.every((c: any) => c.franchiseId === 'balle-perdue')).toBe(true);
  });

  it('keeps the film another article compares with as a franchise of its own', async () => {
    const body = (await http.get('/franchises/tyler-rake/state')).body;
    expect(body.films).toEqual([expect.objectContaining({ filmId: 'tyler-rake-1', peakViews: 95_000_000 })]);
  });

  it('serves the raw stream with revisions, recordedAt and recordedBy', async () => {
    const answer = await http.get('/franchises/balle-perdue/events');
    expect(answer.body.events[0]).toMatchObject({
      type: 'FranchiseCreated',
      revision: 0,
      recordedBy: 'system:seed',
      schemaVersion: 1,
    });
    expect(answer.body.events.map((e: any) => e.revision)).toEqual(answer.body.events.map((_: any, i: number) => i));
    expect(answer.body.revision).toBe(answer.body.events.length - 1);
  });

  it('answers 404 problem+json for an unknown franchise or source', async () => {
    const franchise = await http.get('/franchises/nope/state');
    expect(franchise.status).toBe(404);
    expect(franchise.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(franchise.body).toMatchObject({ status: 404, type: '/problems/franchise-not-found' });
    expect((await http.get('/sources/nope/claims')).status).toBe(404);
  });

  it('refuses an impossible asOf with 400 naming the parameter', async () => {
    const answer = await http.get('/franchises/balle-perdue/state?asOf=2020-02-30');
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'asOf' })]);
  });

  it('describes the API in OpenAPI and serves Swagger UI at /docs', async () => {
    const doc = await http.get('/docs-json');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/franchises/{franchiseId}/releases',
        '/franchises/{franchiseId}/state',
        '/sources/{sourceId}/claims',
      ]),
    );
    const ui = await fetch(`${running.url}/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
  });
});
