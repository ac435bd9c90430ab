import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

const POLICIES = ['majority', 'latest', 'earliest', 'trusted'] as const;
const VIEWS = '/franchises/balle-perdue/claims?field=views&filmId=balle-perdue-1';
/** The count over the first month, as articles 000 and 001 give it. */
const MONTH = { filmId: 'balle-perdue-1', views: 37_000_000, reachedOn: '2020-06-19/2020-07-19', window: 'P1M' };
const monthOf = (facts: any[]) => facts.find((f) => f.window === 'P1M');

describe.each(STORE_KINDS)('independent origins of claims (%s)', (kind) => {
  /** A fresh seeded app for each test: two of them write to the seed's franchise. */
  async function withApp(test: (http: ReturnType<typeof client>) => Promise<void>) {
    const running: RunningApp = await startApp({ kind });
    try {
      await test(client(() => running));
    } finally {
      await running.dispose();
    }
  }

  /** What each policy believes of each fact of the franchise's state. */
  async function beliefs(http: ReturnType<typeof client>) {
    const answers = await Promise.all(POLICIES.map((p) => http.get(`/franchises/balle-perdue/state?policy=${p}`)));
    return answers.map(({ body }) => body.facts.map((f: any) => [f.filmId, f.field, f.window, f.value]));
  }

  it('lists under the 37 million figure its four articles and the origins behind them, as the articles tell it', async () => {
    await withApp(async (http) => {
      const ledger = (await http.get(VIEWS)).body;
      // Told over a month by articles 000 and 001, as a total by articles 002 and 003: one figure, two windows.
      const figures = ledger.facts.flatMap((f: any) =>
        f.values.filter((v: any) => v.value === 37_000_000).map((v: any) => ({ window: f.window ?? null, ...v })),
      );
      expect(figures.map((v: any) => [v.window, v.sourceIds])).toEqual([
        [null, ['article-002', 'article-003']],
        ['P1M', ['article-000', 'article-001']],
      ]);
      const all = (list: string) => [...new Set(figures.flatMap((v: any) => v[list]))].sort();
      expect(all('sourceIds')).toEqual(['article-000', 'article-001', 'article-002', 'article-003']);
      // Article 002 names Netflix France's Twitter account; the others name no origin, each its own.
      expect(all('origins')).toEqual(['article-000', 'article-001', 'article-003', 'netflix-france-twitter']);
      const claims = figures.flatMap((v: any) => v.claims);
      expect(claims.find((c: any) => c.sourceId === 'article-002').basedOn).toBe('netflix-france-twitter');
      expect(claims.filter((c: any) => 'basedOn' in c)).toHaveLength(1);

      const state = (await http.get('/franchises/balle-perdue/state')).body;
      const counts = state.viewCounts.find((v: any) => v.filmId === 'balle-perdue-1').counts;
      expect(counts.find((c: any) => c.window === null).origins).toEqual(['article-003', 'netflix-france-twitter']);
      const origin = (await http.get('/sources/netflix-france-twitter')).body;
      expect(origin).toMatchObject({ kind: 'social', publishedOn: '2020-07' });
    });
  });

  /**
   * No view figure of the seed is disputed (each window is its own count), so these tests first add
   * a rival count over the month, published later: `latest` then believes it, `majority` does not.
   */
  async function withRival(http: ReturnType<typeof client>) {
    await http.post('/sources', { id: 'rival-count', name: 'Another month', publishedOn: '2020-09' });
    const rival = await http.post('/franchises/balle-perdue/viewership-milestones', {
      ...MONTH,
      views: 30_000_000,
      sourceId: 'rival-count',
    });
    expect(rival.status).toBe(201);
    const [latest, majority] = await Promise.all(
      ['latest', 'majority'].map(async (p) => (await http.get(`${VIEWS}&policy=${p}`)).body.facts),
    );
    expect(monthOf(latest).resolved.value).toBe(30_000_000);
    expect(monthOf(majority).resolved.value).toBe(37_000_000);
  }

  /** A fourth article, published in December 2022, relays the tweet for the month's count. */
  async function relayTheTweet(http: ReturnType<typeof client>) {
    await http.post('/sources', { id: 'relay-article', name: 'A relay of the tweet', publishedOn: '2022-12' });
    const relayed = await http.post('/franchises/balle-perdue/viewership-milestones', {
      ...MONTH,
      sourceId: 'relay-article',
      basedOn: 'netflix-france-twitter',
    });
    expect(relayed.status).toBe(201);
    const figure = monthOf((await http.get(VIEWS)).body.facts).values.find((v: any) => v.value === 37_000_000);
    expect(figure.sourceIds).toContain('relay-article');
    expect(figure.origins).toEqual(['article-000', 'article-001', 'netflix-france-twitter']);
  }

  it('changes no policy’s answer when a fourth article relays an origin that claims the count itself', async () => {
    await withApp(async (http) => {
      await withRival(http);
      const tweet = await http.post('/franchises/balle-perdue/viewership-milestones', {
        ...MONTH,
        sourceId: 'netflix-france-twitter',
      });
      expect(tweet.status).toBe(201);
      const before = await beliefs(http);

      await relayTheTweet(http);

      expect(await beliefs(http)).toEqual(before);
    });
  });

  it('weighs a relay of an origin that does not claim the count as its own article: counted once, dated as itself', async () => {
    await withApp(async (http) => {
      await withRival(http);

      await relayTheTweet(http);

      // Published in December 2022, it is the latest claim; the majority counts the tweet as one origin.
      const latest = monthOf((await http.get(`${VIEWS}&policy=latest`)).body.facts).resolved;
      expect(latest).toMatchObject({ value: 37_000_000, decidedBy: [expect.any(String)] });
      expect(latest.supportedBy).toContain('relay-article');
      const majority = monthOf((await http.get(`${VIEWS}&policy=majority`)).body.facts).resolved;
      expect(majority).toMatchObject({
        value: 37_000_000,
        origins: ['article-000', 'article-001', 'netflix-france-twitter'],
      });
    });
  });

  it('changes an answer when the same claim comes from an independent source', async () => {
    await withApp(async (http) => {
      await withRival(http);
      const before = await beliefs(http);
      await http.post('/sources', { id: 'independent-article', name: 'Its own count', publishedOn: '2022-12' });

      await http.post('/franchises/balle-perdue/viewership-milestones', { ...MONTH, sourceId: 'independent-article' });

      expect(await beliefs(http)).not.toEqual(before);
      const latest = monthOf((await http.get(`${VIEWS}&policy=latest`)).body.facts).resolved;
      expect(latest).toMatchObject({ value: 37_000_000, origins: expect.arrayContaining(['independent-article']) });
    });
  });

  it('refuses an origin that is not registered, or published after the article relying on it, naming basedOn', async () => {
    await withApp(async (http) => {
      await http.post('/sources', { id: 'late-post', name: 'A later post', publishedOn: '2021', kind: 'social' });
      const claim = { filmId: 'balle-perdue-1', views: 36_000_000, reachedOn: '2020-07', sourceId: 'article-002' };

      for (const basedOn of ['no-such-source', 'late-post', 'article-002']) {
        const refused = await http.post('/franchises/balle-perdue/viewership-milestones', { ...claim, basedOn });
        expect(refused.status).toBe(422);
        expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'basedOn' })]);
      }
      const badKind = await http.post('/sources', { id: 'x-post', name: 'x', publishedOn: '2021', kind: 'rumour' });
      expect(badKind.status).toBe(400);
      expect(badKind.body.errors[0].field).toBe('kind');
    });
  });
});
