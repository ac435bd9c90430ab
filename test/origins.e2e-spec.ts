import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

const POLICIES = ['majority', 'latest', 'earliest', 'trusted'] as const;
const VIEWS = '/franchises/balle-perdue/claims?field=views&filmId=balle-perdue-1';

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
      const fact = ledger.facts.find((f: any) => f.window === 'P28D');
      const figure = fact.values.find((v: any) => v.value === 37_000_000);

      expect(figure.sourceIds).toEqual(['article-000', 'article-001', 'article-002', 'article-003']);
      // Article 002 names Netflix France's Twitter account; the others name no origin, each its own.
      expect(figure.origins).toEqual(['article-000', 'article-001', 'netflix-france-twitter', 'article-003']);
      expect(figure.claims.find((c: any) => c.sourceId === 'article-002').basedOn).toBe('netflix-france-twitter');
      expect(figure.claims.find((c: any) => c.sourceId === 'article-000')).not.toHaveProperty('basedOn');
      expect(fact.resolved.origins).toHaveLength(4);

      const state = (await http.get('/franchises/balle-perdue/state')).body;
      const conflict = state.conflicts.find((c: any) => c.field === 'views');
      expect(conflict.values[0].origins).toContain('netflix-france-twitter');
      const origin = (await http.get('/sources/netflix-france-twitter')).body;
      expect(origin).toMatchObject({ kind: 'social', publishedOn: '2020-07' });
    });
  });

  it('changes no policy’s answer when a fourth article relays the same origin', async () => {
    await withApp(async (http) => {
      const before = await beliefs(http);
      await http.post('/sources', { id: 'relay-article', name: 'A relay of the tweet', publishedOn: '2022-12' });

      const relayed = await http.post('/franchises/balle-perdue/viewership-milestones', {
        filmId: 'balle-perdue-1',
        views: 37_000_000,
        reachedOn: '2020-06-19/2020-07',
        window: 'P28D',
        sourceId: 'relay-article',
        basedOn: 'netflix-france-twitter',
      });

      expect(relayed.status).toBe(201);
      expect(await beliefs(http)).toEqual(before);
      const figure = (await http.get(VIEWS)).body.facts[0].values.find((v: any) => v.value === 37_000_000);
      expect(figure.sourceIds).toContain('relay-article');
      expect(figure.origins).toHaveLength(4);
    });
  });

  it('changes an answer when the same claim comes from an independent source', async () => {
    await withApp(async (http) => {
      const before = await beliefs(http);
      await http.post('/sources', { id: 'independent-article', name: 'Its own count', publishedOn: '2022-12' });

      await http.post('/franchises/balle-perdue/viewership-milestones', {
        filmId: 'balle-perdue-1',
        views: 37_000_000,
        reachedOn: '2020-06-19/2020-07',
        window: 'P28D',
        sourceId: 'independent-article',
      });

      const after = await beliefs(http);
      expect(after).not.toEqual(before);
      const latest = (await http.get(`${VIEWS}&policy=latest`)).body.facts[0].resolved;
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
