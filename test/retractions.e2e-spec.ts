import { HttpAnswer, RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

describe.each(STORE_KINDS)('retracting a claim (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  let june26: string;
  let conflictBefore: unknown;
  let contradictionsBefore: string[];
  let retraction: HttpAnswer;

  /** Who contradicted article-002's 19 June release date, according to its claims page. */
  const contradictionsOfJune19 = async (): Promise<string[]> => {
    const { claims } = (await http.get('/sources/article-002/claims')).body;
    return claims.find((c: any) => c.type === 'FilmReleased' && c.filmId === 'balle-perdue-1').contradictedBy;
  };

  const releaseConflict = async (query = '') => {
    const state = (await http.get(`/franchises/balle-perdue/state?${query}`)).body;
    return state.conflicts.find((c: any) => c.filmId === 'balle-perdue-1' && c.field === 'releasedOn');
  };

  beforeAll(async () => {
    running = await startApp({ kind });
    const ledger = (await http.get('/franchises/balle-perdue/claims')).body;
    const release = ledger.facts.find((f: any) => f.filmId === 'balle-perdue-1' && f.field === 'releasedOn');
    june26 = release.values.find((v: any) => v.value === '2020-06-26').claims[0].eventId;
    // Every test reads the franchise after this one retraction, whatever their order.
    conflictBefore = await releaseConflict();
    contradictionsBefore = await contradictionsOfJune19();
    // The article that said 26 June withdraws it, in February 2023.
    retraction = await http.post('/franchises/balle-perdue/retractions', {
      eventId: june26,
      sourceId: 'article-004',
      reason: 'the release date was misreported',
      retractedOn: '2023-02-01',
    });
  });
  afterAll(() => running.dispose());

  it('stops listing the retracted claim among those that contradict a source', async () => {
    expect(contradictionsBefore).toContain('article-004');
    expect(await contradictionsOfJune19()).not.toContain('article-004');
  });

  it('records the retraction as a new event, and the disputed date stops counting', async () => {
    expect(conflictBefore).toBeDefined();
    expect(retraction.status).toBe(201);
    expect(await releaseConflict()).toBeUndefined();
    const ledger = (await http.get('/franchises/balle-perdue/claims')).body;
    const release = ledger.facts.find((f: any) => f.filmId === 'balle-perdue-1' && f.field === 'releasedOn');
    // The audit still shows the withdrawn claim, standing retracted, and no longer disputing.
    expect(release.disputed).toBe(false);
    expect(release.values.map((v: any) => v.value)).toEqual(['2020-06-19', '2020~', '2020-06-26']);
    expect(release.values[2].claims[0]).toMatchObject({ standing: 'retracted', withdrawnBy: retraction.body.eventId });
    expect(release.values[0].claims.every((c: any) => c.standing === 'accepted')).toBe(true);
  });

  it('deletes nothing: the retracted claim stays in the raw stream, followed by the retraction', async () => {
    const events = (await http.get('/franchises/balle-perdue/events')).body.events;
    expect(events.find((e: any) => e.eventId === june26)).toMatchObject({ type: 'FilmReleased' });
    expect(events.at(-1)).toMatchObject({
      type: 'ClaimRetracted',
      sourceId: 'article-004',
      data: { retractedEventId: june26, retractedOn: '2023-02-01', reason: 'the release date was misreported' },
    });
  });

  it('still shows the conflict to a reader asking what was known before the retraction was published', async () => {
    expect(await releaseConflict('knownAt=2023-01-31')).toMatchObject({ resolved: '2020-06-19' });
    const timeline = (await http.get('/franchises/balle-perdue/timeline?knownAt=2023-01-31')).body;
    expect(timeline.entries.map((e: any) => e.eventId)).toContain(june26);
  });

  it('shows the retraction in the timeline instead of the retracted claim', async () => {
    const entries = (await http.get('/franchises/balle-perdue/timeline')).body.entries;
    expect(entries.map((e: any) => e.eventId)).not.toContain(june26);
    expect(entries.at(-1)).toMatchObject({
      type: 'ClaimRetracted',
      occurredOn: '2023-02-01',
      filmId: 'balle-perdue-1',
      summary: 'Claim retracted (the release date was misreported): “Balle perdue released on Netflix”',
    });
  });

  it('answers a repeated retraction with the original answer, and refuses a second different one', async () => {
    const body = {
      eventId: june26,
      sourceId: 'article-004',
      reason: 'the release date was misreported',
      retractedOn: '2023-02-01',
    };
    expect((await http.post('/franchises/balle-perdue/retractions', body)).status).toBe(200);
    const again = await http.post('/franchises/balle-perdue/retractions', { ...body, reason: 'another reason' });
    expect(again.status).toBe(422);
    expect(again.body.errors).toEqual([
      expect.objectContaining({ field: 'eventId', message: expect.stringMatching(/already retracted/) }),
    ]);
  });

  it('refuses to retract a claim the franchise does not have, naming eventId', async () => {
    const answer = await http.post('/franchises/balle-perdue/retractions', {
      eventId: '00000000-0000-4000-8000-000000000000',
      sourceId: 'article-004',
      reason: 'x',
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'eventId' })]);
  });
});
