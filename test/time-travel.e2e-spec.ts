import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

const DAY = 86_400_000;

describe.each(STORE_KINDS)('asking on three time axes, with uncertain dates (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const timeline = async (query: string) => (await http.get(`/franchises/balle-perdue/timeline?${query}`)).body;

  beforeAll(async () => {
    running = await startApp({ kind });
    await http.post('/sources', { id: 'tt-source', name: 'Vague report', publishedOn: '2023-03', language: 'en' });
  });
  afterAll(() => running.dispose());

  it('returns each date as the source gave it, with its earliest and latest day', async () => {
    const entry = (await timeline('')).entries.find(
      (e: any) => e.type === 'ViewershipMilestoneReached' && e.sourceId === 'article-000',
    );
    expect(entry).toMatchObject({
      occurredOn: '2020-06-19/2020-07-19',
      occurredBetween: { earliest: '2020-06-19', latest: '2020-07-19' },
    });
  });

  it('orders the timeline by the first day each entry may have happened, then the last, and says so', async () => {
    const answer = await timeline('');
    const days = answer.entries.map((e: any) => [e.occurredBetween.earliest, e.occurredBetween.latest]);

    expect(answer.order).toBe('by the first day each may have happened, then the last, then recording order');
    expect(days).toEqual([...days].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1])));
    const first2020 = answer.entries.findIndex((e: any) => e.occurredOn.startsWith('2020'));
    expect(answer.entries[first2020]).toMatchObject({ occurredOn: '2020~', sourceId: 'article-003' });
  });

  it('gives a scheduled release on the timeline the day planned with its bounds, beside when it was announced', async () => {
    const schedules = (await timeline('')).entries.filter((e: any) => e.type === 'ReleaseScheduled');
    expect(schedules.map((e: any) => [e.sourceId, e.occurredOn, e.scheduledFor, e.scheduledBetween])).toEqual([
      ['article-004', '2020-09/2022-12', '2022-10/2022-12', { earliest: '2022-10-01', latest: '2022-12-31' }],
      ['article-003', '2022-10', '2022-11-10', { earliest: '2022-11-10', latest: '2022-11-10' }],
    ]);
    const release = (await timeline('')).entries.find((e: any) => e.type === 'FilmReleased');
    expect(release).not.toHaveProperty('scheduledFor');
  });

  it('names on each timeline entry the fact it claims a value of, as the ledger is filtered', async () => {
    const entries = (await timeline('')).entries;
    const fact = (type: string) => entries.find((e: any) => e.type === type).fact;
    expect(fact('FilmReleased')).toEqual({ filmId: 'balle-perdue-1', field: 'releasedOn' });
    expect(fact('ViewershipMilestoneReached')).toEqual({ filmId: 'balle-perdue-1', field: 'views', window: 'P28D' });
    expect(fact('TrilogyConfirmed')).toEqual({ field: 'confirmedOn' });
    expect(fact('ChartRankingReached')).toBeUndefined();
  });

  it('answers every date with its bounds: in the state, the sources, the ledger and a source’s claims', async () => {
    const state = (await http.get('/franchises/balle-perdue/state?asOf=2023-01-01')).body;
    const second = state.films.find((f: any) => f.filmId === 'balle-perdue-2');
    expect(second.scheduledBetween).toEqual({ earliest: '2022-11-10', latest: '2022-11-10' });
    expect(state.films[0].releasedBetween).toEqual({ earliest: '2020-06-19', latest: '2020-06-19' });
    const source = (await http.get('/sources/article-003')).body;
    expect(source.publishedBetween).toEqual({ earliest: '2022-10-01', latest: '2022-11-09' });
    const ledger = (await http.get('/franchises/balle-perdue/claims?field=releasedOn&filmId=balle-perdue-1')).body;
    const claim = ledger.facts[0].values.flatMap((v: any) => v.claims).find((c: any) => c.sourceId === 'article-001');
    expect(claim).toMatchObject({
      sourcePublishedOn: '2020-07/2020-08',
      sourcePublishedBetween: { earliest: '2020-07-01', latest: '2020-08-31' },
    });
    const claims = (await http.get('/sources/article-004/claims')).body.claims;
    const bounds: Record<string, unknown> = {
      '2020-06-26': { earliest: '2020-06-26', latest: '2020-06-26' },
      '2020-08/2022-11-19': { earliest: '2020-08-01', latest: '2022-11-19' },
      '2020-09/2022-12': { earliest: '2020-09-01', latest: '2022-12-31' },
    };
    const answered = claims.map((c: any) => [c.occurredOn, c.occurredBetween]);
    expect(answered).toEqual(claims.map((c: any) => [c.occurredOn, bounds[c.occurredOn]]));
    expect(new Set(answered.map(([on]: string[]) => on))).toEqual(new Set(Object.keys(bounds)));
  });

  it('counts a claim dated 2020-07 only as possible in mid-July, and leaves it out unless mode=possible', async () => {
    const certain = await timeline('asOf=2020-07-15');
    expect(certain).toMatchObject({ asOf: '2020-07-15', mode: 'certain' });
    expect(certain.entries.map((e: any) => e.type)).not.toContain('ViewershipMilestoneReached');
    expect(certain.entries.every((e: any) => e.certainty === 'certain')).toBe(true);

    const possible = await timeline('asOf=2020-07-15&mode=possible');
    const milestones = possible.entries.filter((e: any) => e.type === 'ViewershipMilestoneReached');
    expect(milestones.length).toBeGreaterThan(0);
    expect(milestones.every((e: any) => e.certainty === 'possible')).toBe(true);
    const release = possible.entries.find((e: any) => e.type === 'FilmReleased' && e.sourceId === 'article-000');
    expect(release.certainty).toBe('certain');
  });

  it('marks a film whose status rests only on possible claims as possible', async () => {
    await http.post('/franchises/balle-perdue/releases', {
      filmId: 'balle-perdue-3',
      releasedOn: '2023-01/2023-06',
      sourceId: 'tt-source',
    });
    const state = (await http.get('/franchises/balle-perdue/state?asOf=2023-03-31&mode=possible')).body;
    expect(state.films.find((f: any) => f.filmId === 'balle-perdue-3')).toMatchObject({
      status: 'released',
      certainty: 'possible',
    });
    const certain = (await http.get('/franchises/balle-perdue/state?asOf=2023-03-31')).body;
    expect(certain.films.find((f: any) => f.filmId === 'balle-perdue-3')).toMatchObject({
      status: 'announced',
      certainty: 'certain',
    });
  });

  it('reproduces yesterday’s answer after a retraction recorded today', async () => {
    const yesterday = new Date(running.clock.now().getTime() + 1).toISOString();
    const before = (await http.get(`/franchises/balle-perdue/state?recordedBefore=${yesterday}`)).body;

    running.clock.advance(DAY);
    const ledger = (await http.get('/franchises/balle-perdue/claims')).body;
    const release = ledger.facts.find((f: any) => f.filmId === 'balle-perdue-1' && f.field === 'releasedOn');
    const june26 = release.values.find((v: any) => v.value === '2020-06-26').claims[0].eventId;
    // Withdrawn by the article that claimed it.
    const retracted = await http.post('/franchises/balle-perdue/retractions', {
      eventId: june26,
      sourceId: 'article-004',
      reason: 'misreported',
      retractedOn: '2023-02-01',
    });
    expect(retracted.status).toBe(201);

    const now = (await http.get('/franchises/balle-perdue/state')).body;
    expect(now.conflicts.find((c: any) => c.field === 'releasedOn')).toBeUndefined();
    const again = (await http.get(`/franchises/balle-perdue/state?recordedBefore=${yesterday}`)).body;
    expect(again).toEqual(before);
    expect(again.conflicts.find((c: any) => c.field === 'releasedOn')).toBeDefined();
  });

  it('knows of no sequel from what was published by the end of July 2020', async () => {
    const state = (await http.get('/franchises/balle-perdue/state?knownAt=2020-07-31')).body;
    expect(state.sequelAnnounced).toBe(false);
    expect(state.films.map((f: any) => f.filmId)).toEqual(['balle-perdue-1']);
  });

  it('describes every query parameter in OpenAPI, each with an example but the opaque cursor', async () => {
    const doc = (await http.get('/docs-json')).body;
    for (const path of [
      '/franchises/{franchiseId}/state',
      '/franchises/{franchiseId}/claims',
      '/franchises/{franchiseId}/changes',
    ]) {
      const parameters = doc.paths[path].get.parameters;
      expect(parameters.length).toBeGreaterThan(2);
      // A made-up cursor would be sent by Swagger UI's "Try it out", and refused: it has none.
      for (const parameter of parameters.filter((p: { name: string }) => p.name !== 'cursor'))
        expect([path, parameter.name, parameter.example ?? parameter.schema?.example]).not.toContain(undefined);
      expect(parameters.find((p: { name: string }) => p.name === 'cursor')?.example).toBeUndefined();
    }
  });

  it('answers 404 for a franchise not yet created at recordedBefore', async () => {
    const answer = await http.get('/franchises/balle-perdue/timeline?recordedBefore=2020-01-01T00:00:00Z');
    expect(answer.status).toBe(404);
  });

  it.each([
    ['asOf', 'asOf=2022%3F~'],
    ['recordedBefore', 'recordedBefore=yesterday'],
    ['mode', 'mode=perhaps'],
  ])('refuses a bad %s with 400 naming it', async (field, query) => {
    const answer = await http.get(`/franchises/balle-perdue/timeline?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field })]);
  });

  it('accepts every EDTF form on a claim and refuses what is not EDTF, naming the field', async () => {
    for (const date of ['2021~', '202X', '2021-XX-XX', '2021-24', '2021-09/2021-12', '../2021-06']) {
      const answer = await http.post('/franchises/balle-perdue/production-wraps', {
        filmId: 'balle-perdue-2',
        wrappedOn: date,
        sourceId: 'tt-source',
      });
      expect([date, answer.status, answer.body.errors]).toEqual([date, 201, undefined]);
    }
    const bad = await http.post('/franchises/balle-perdue/production-wraps', {
      filmId: 'balle-perdue-2',
      wrappedOn: '2021?~',
      sourceId: 'tt-source',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'wrappedOn' })]);
  });
});
