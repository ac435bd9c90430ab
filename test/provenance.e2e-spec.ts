import { HttpAnswer, RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

describe.each(STORE_KINDS)('provenance: policies, standings, corrections (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const releaseFact = async (query = '') => {
    const ledger = (await http.get(`/franchises/balle-perdue/claims?field=releasedOn&filmId=balle-perdue-1&${query}`))
      .body;
    expect(ledger.facts).toHaveLength(1);
    return ledger.facts[0];
  };
  const standingOf = (fact: any, value: string) => fact.values.find((v: any) => v.value === value).claims[0].standing;

  beforeAll(async () => {
    running = await startApp({ kind });
  });
  afterAll(() => running.dispose());

  /** For tests that change what the others read: the enclosing describe gets an app of its own. */
  const ownApp = () => {
    let shared: RunningApp;
    beforeAll(async () => {
      shared = running;
      running = await startApp({ kind });
    });
    afterAll(async () => {
      await running.dispose();
      running = shared;
    });
  };

  it('outvotes the 26 June claim under majority, and says which claims decided and who claimed it first', async () => {
    const fact = await releaseFact();
    expect(fact.resolved).toMatchObject({
      value: '2020-06-19',
      policy: 'majority',
      firstClaimedBy: { sourceId: 'article-002', publishedOn: '2020-07' },
    });
    expect(fact.resolved.decidedBy.length).toBeGreaterThanOrEqual(3);
    expect(standingOf(fact, '2020-06-19')).toBe('accepted');
    expect(standingOf(fact, '2020~')).toBe('accepted');
    expect(standingOf(fact, '2020-06-26')).toBe('outvoted');
  });

  describe('ranking a source', () => {
    ownApp();

    it('lets the 26 June claim win under trusted once its source is ranked highest', async () => {
      expect((await releaseFact('policy=trusted')).resolved.value).toBe('2020-06-19');
      const ranked = await http.put('/sources/article-004/reliability', { rank: 90, reason: 'trusted for this test' });
      expect(ranked.status).toBe(201);
      expect((await http.get('/sources/article-004')).body.rank).toBe(90);

      const fact = await releaseFact('policy=trusted');
      expect(fact.resolved).toMatchObject({ value: '2020-06-26', policy: 'trusted' });
      expect(standingOf(fact, '2020-06-26')).toBe('accepted');
      expect(standingOf(fact, '2020-06-19')).toBe('outvoted');

      const state = (await http.get('/franchises/balle-perdue/state?policy=trusted')).body;
      expect(state.policy).toBe('trusted');
      expect(state.films.find((f: any) => f.filmId === 'balle-perdue-1').releasedOn).toBe('2020-06-26');
      expect(state.facts.find((f: any) => f.filmId === 'balle-perdue-1' && f.field === 'releasedOn')).toMatchObject({
        value: '2020-06-26',
        policy: 'trusted',
        decidedBy: [fact.values.find((v: any) => v.value === '2020-06-26').claims[0].eventId],
      });
      // The default policy is untouched by the rank.
      expect((await http.get('/franchises/balle-perdue/state')).body.films[0].releasedOn).toBe('2020-06-19');
    });
  });

  it('answers latest and earliest with the most recent and the first published claim', async () => {
    expect((await releaseFact('policy=latest')).resolved.value).toBe('2020-06-26');
    expect((await releaseFact('policy=earliest')).resolved.value).toBe('2020-06-19');
  });

  it('ranks only registered sources, with a whole rank from 0 to 100', async () => {
    expect((await http.put('/sources/nope/reliability', { rank: 5 })).status).toBe(404);
    const bad = await http.put('/sources/article-000/reliability', { rank: 101 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'rank' })]);
    expect((await http.get('/franchises/balle-perdue/claims?policy=loudest')).status).toBe(400);
  });

  it('counts how often a source was contradicted by sources published later', async () => {
    const early = (await http.get('/sources/article-000/claims')).body;
    const release = early.claims.find((c: any) => c.type === 'FilmReleased');
    expect(release.contradictedBy).toEqual(['article-004']);
    // Its month's count is not set against article 003's 28 days: a count over another window.
    const views = early.claims.find((c: any) => c.type === 'ViewershipMilestoneReached');
    expect(views.contradictedBy).toEqual([]);
    expect(early.contradictedLater).toBe(1);
    const late = (await http.get('/sources/article-004/claims')).body;
    expect(late.contradictedLater).toBe(0);
  });

  describe('correcting a claim', () => {
    ownApp();
    let before: any;
    let june26: string;
    /** The source that said 26 June: only it may correct its claim. */
    let author: string;
    let corrected: HttpAnswer;
    const correctRelease = (supersedes: string, more: Record<string, string> = {}) =>
      http.post('/franchises/balle-perdue/releases', {
        filmId: 'balle-perdue-1',
        releasedOn: '2020-06-19',
        sourceId: author,
        supersedes,
        ...more,
      });

    beforeAll(async () => {
      before = await releaseFact();
      ({ eventId: june26, sourceId: author } = before.values.find((v: any) => v.value === '2020-06-26').claims[0]);
      corrected = await correctRelease(june26, { platform: 'Netflix' });
    });

    it('records a correction that supersedes an earlier claim, and shows the chain in the ledger', async () => {
      expect(before.disputed).toBe(true);
      expect(corrected.status).toBe(201);

      const after = await releaseFact();
      expect(after.disputed).toBe(false);
      expect(after.values.find((v: any) => v.value === '2020-06-26').claims[0]).toMatchObject({
        standing: 'superseded',
        withdrawnBy: corrected.body.eventId,
      });
      const correction = after.values
        .find((v: any) => v.value === '2020-06-19')
        .claims.find((c: any) => c.eventId === corrected.body.eventId);
      expect(correction).toMatchObject({ sourceId: author, supersedes: june26, standing: 'accepted' });
    });

    it('refuses a correction of a claim of another kind, or one already withdrawn', async () => {
      const timeline = (await http.get('/franchises/balle-perdue/timeline')).body.entries;
      const milestone = timeline.find((e: any) => e.type === 'ViewershipMilestoneReached').eventId;
      const wrongKind = await correctRelease(milestone);
      expect(wrongKind.status).toBe(422);
      expect(wrongKind.body.errors).toEqual([expect.objectContaining({ field: 'supersedes' })]);
      // Not a retry of the correction (another body), so it is decided, and refused.
      const again = await correctRelease(june26);
      expect(again.status).toBe(422);
      expect(again.body.errors).toEqual([
        expect.objectContaining({ field: 'supersedes', message: expect.stringMatching(/already/) }),
      ]);
    });
  });
});
