import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

describe.each(STORE_KINDS)('changes between two points on a time axis (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const changes = async (query: string) => {
    const answer = await http.get(`/franchises/balle-perdue/changes?${query}`);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const fact = (body: any, filmId: string, field: string) =>
    body.changed.find((c: any) => c.filmId === filmId && c.field === field);

  beforeAll(async () => {
    running = await startApp({ kind });
  });
  afterAll(() => running.dispose());

  it('on asOf: the first film’s release happened between 1 June and 1 July 2020', async () => {
    const body = await changes('axis=asOf&from=2020-06-01&to=2020-07-01');
    expect(body).toMatchObject({ axis: 'asOf', from: '2020-06-01', to: '2020-07-01', withdrawn: [] });
    expect(body.added.map((e: any) => e.type)).toEqual([
      'FilmReleased',
      'FilmReleased',
      'FilmReleased',
      'FilmReleased',
    ]);
    expect(fact(body, 'balle-perdue-1', 'releasedOn')).toEqual({
      filmId: 'balle-perdue-1',
      field: 'releasedOn',
      from: null,
      to: '2020-06-19',
    });
  });

  it('on knownAt: between summer 2020 and 2023 the press reported the sequel, its date and the trilogy', async () => {
    const body = await changes('axis=knownAt&from=2020-08-31&to=2023-01-01');
    const types = new Set(body.added.map((e: any) => e.type));
    expect([...types]).toEqual(expect.arrayContaining(['SequelAnnounced', 'ReleaseScheduled', 'TrilogyConfirmed']));
    expect(fact(body, 'balle-perdue-2', 'scheduledFor')).toMatchObject({ from: null, to: '2022-11-10' });
  });

  it('on recorded: a claim retracted in between shows as withdrawn, the retraction as added', async () => {
    const before = new Date(running.clock.now().getTime() + 1).toISOString();
    running.clock.advance(86_400_000);
    const ledger = (await http.get('/franchises/balle-perdue/claims?field=views&filmId=balle-perdue-1')).body;
    const claim = ledger.facts.flatMap((f: any) => f.values).find((v: any) => v.value === 37_000).claims[0];
    const small = claim.eventId;
    // Withdrawn by the article that made it, in 2023.
    const retracted = await http.post('/franchises/balle-perdue/retractions', {
      eventId: small,
      sourceId: claim.sourceId,
      reason: 'typo',
      retractedOn: '2023-02-01',
    });
    expect(retracted.status).toBe(201);
    const after = new Date(running.clock.now().getTime() + 1).toISOString();

    const body = await changes(`axis=recorded&from=${before}&to=${after}`);
    expect(body.withdrawn.map((e: any) => e.eventId)).toEqual([small]);
    expect(body.added.map((e: any) => e.type)).toEqual(['ClaimRetracted']);
    // The 28-day count loses its only claim; the month's count and the total, 37 million, stand.
    expect(body.changed.filter((c: any) => c.field === 'views')).toEqual([
      { filmId: 'balle-perdue-1', field: 'views', window: 'P28D', from: 37_000, to: null },
    ]);
  });

  it.each([
    ['from', 'axis=asOf&from=someday&to=2020-07-01'],
    ['to', 'axis=recorded&from=2026-01-01T00:00:00Z&to=tomorrow'],
    ['axis', 'axis=sideways&from=2020&to=2021'],
  ])('refuses a bad %s with 400 naming it', async (field, query) => {
    const answer = await http.get(`/franchises/balle-perdue/changes?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});

describe.each(STORE_KINDS)('changes on the recorded axis from before the franchise existed (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);

  beforeAll(async () => {
    running = await startApp({ kind });
  });
  afterAll(() => running.dispose());

  it('answers every entry and every belief as added when `from` is before the franchise was created', async () => {
    const answer = await http.get(
      '/franchises/balle-perdue/changes?axis=recorded&from=2000-01-01T00:00:00Z&to=2030-01-01T00:00:00Z',
    );
    expect(answer.status).toBe(200);
    const timeline = (await http.get('/franchises/balle-perdue/timeline')).body.entries;
    const state = (await http.get('/franchises/balle-perdue/state')).body;
    expect(answer.body.added).toEqual(timeline);
    expect(answer.body.withdrawn).toEqual([]);
    expect(answer.body.changed).toHaveLength(state.facts.length);
    expect(answer.body.changed.every((c: any) => c.from === null && c.to !== null)).toBe(true);
  });

  it('still answers 404 for a franchise unknown at both points, or at all', async () => {
    const early = '/franchises/balle-perdue/changes?axis=recorded&from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z';
    expect((await http.get(early)).status).toBe(404);
    const unknown = '/franchises/nope/changes?axis=recorded&from=2000-01-01T00:00:00Z&to=2030-01-01T00:00:00Z';
    expect((await http.get(unknown)).status).toBe(404);
    expect((await http.get('/franchises/nope/changes?axis=asOf&from=2020-01-01&to=2023-01-01')).status).toBe(404);
  });
});
