import { HttpAnswer, RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

/** A paged list: where it is, and the items of one answer, each with an id unique in the list. */
interface Listing {
  path: string;
  items: (body: any) => { id: string; item: unknown }[];
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

const LISTINGS: Record<string, Listing> = {
  events: {
    path: '/franchises/balle-perdue/events',
    items: (body) => body.events.map((e: any) => ({ id: e.eventId, item: e })),
  },
  timeline: {
    path: '/franchises/balle-perdue/timeline?mode=possible',
    items: (body) => body.entries.map((e: any) => ({ id: e.eventId, item: e })),
  },
  // Claims published after knownAt are read, then left out: a page reads on until it is full.
  'timeline known at a date': {
    path: '/franchises/balle-perdue/timeline?knownAt=2020-08-31',
    items: (body) => body.entries.map((e: any) => ({ id: e.eventId, item: e })),
  },
  claims: {
    path: '/franchises/balle-perdue/claims?policy=earliest',
    items: (body) =>
      body.facts.flatMap((fact: any) =>
        fact.values.flatMap((value: any) =>
          value.claims.map((claim: any) => ({
            id: `${fact.filmId}/${fact.field}/${fact.window}/${claim.eventId}`,
            item: { fact: { ...fact, values: undefined }, value: value.value, claim },
          })),
        ),
      ),
  },
  changes: {
    path: '/franchises/balle-perdue/changes?axis=knownAt&from=2020-08-31&to=2023-01-01',
    items: (body) => [
      ...body.added.map((e: any) => ({ id: `added/${e.eventId}`, item: e })),
      ...body.withdrawn.map((e: any) => ({ id: `withdrawn/${e.eventId}`, item: e })),
      ...body.changed.map((c: any) => ({ id: `changed/${c.filmId}/${c.field}/${c.window}`, item: c })),
    ],
  },
  sources: {
    path: '/sources',
    items: (body) => body.sources.map((s: any) => ({ id: s.id, item: s })),
  },
  // The seed's two, and the four the suite creates.
  franchises: {
    path: '/franchises',
    items: (body) => body.franchises.map((f: any) => ({ id: f.id, item: f })),
  },
  'sources/{id}/claims': {
    path: '/sources/article-004/claims',
    items: (body) => body.claims.map((c: any) => ({ id: c.eventId, item: c })),
  },
};

const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

describe.each(STORE_KINDS)('paging the lists that grow with history (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);

  /** Every page from the first, following each answer's next link, which the Link header repeats. */
  async function walk(path: string): Promise<any[]> {
    const pages: any[] = [];
    let next: string | null = path;
    while (next) {
      const answer: HttpAnswer = await http.get(next);
      expect(answer.status).toBe(200);
      const link: string | null = answer.body.page.nextLink;
      expect(answer.headers.get('link')).toBe(link === null ? null : `<${link}>; rel="next"`);
      pages.push(answer.body);
      next = link;
      expect(pages.length).toBeLessThan(100);
    }
    return pages;
  }

  beforeAll(async () => {
    running = await startApp({ kind });
    for (const n of [1, 2, 3, 4]) {
      expect((await http.post('/franchises', { id: `pg-saga-${n}`, title: `Paged saga ${n}` })).status).toBe(201);
    }
  });
  afterAll(() => running.dispose());

  describe.each(Object.entries(LISTINGS))('%s', (_, { path, items }) => {
    it('gives every item once over pages of 2, in the order of one big page, and no next on the last', async () => {
      const whole = items((await http.get(withQuery(path, 'limit=1000'))).body);
      const pages = await walk(withQuery(path, 'limit=2'));

      expect(whole.length).toBeGreaterThan(4);
      expect(pages.map((page) => items(page).length)).toEqual(
        pages.map((_, i) => (i < pages.length - 1 ? 2 : whole.length - 2 * (pages.length - 1))),
      );
      expect(pages.flatMap(items)).toEqual(whole);
      expect(pages.map((page) => page.page)).toEqual(
        pages.map((_, i) =>
          expect.objectContaining({ limit: 2, next: i < pages.length - 1 ? expect.any(String) : null }),
        ),
      );
    });

    it('keeps the other parameters in the next link', async () => {
      const first = (await http.get(withQuery(path, 'limit=2'))).body;
      const next = new URL(first.page.nextLink, 'http://x');
      const asked = new URL(withQuery(path, 'limit=2'), 'http://x');
      expect(next.pathname).toBe(asked.pathname);
      expect([...next.searchParams].filter(([name]) => name !== 'cursor')).toEqual([...asked.searchParams]);
      expect(next.searchParams.get('cursor')).toBe(first.page.next);
    });

    it('answers a default page of 100 without limit', async () => {
      const answer = await http.get(path);
      expect(answer.body.page).toEqual({ limit: 100, next: null, nextLink: null });
    });

    it.each(['0', '1001', '2.5', 'many'])('refuses limit=%s with 400 naming limit', async (limit) => {
      const answer = await http.get(withQuery(path, `limit=${limit}`));
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
    });

    it.each(['garbage', 'W1sxXSwieCJd', ''])('refuses cursor=%j with 400 naming cursor', async (cursor) => {
      const answer = await http.get(withQuery(path, `cursor=${cursor}`));
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    });
  });

  it.each([
    ['timeline', '/franchises/balle-perdue/timeline?limit=2', '/franchises/balle-perdue/timeline?asOf=2021-01-01'],
    ['claims', '/franchises/balle-perdue/claims?limit=2', '/franchises/balle-perdue/claims?policy=latest'],
    [
      'changes',
      '/franchises/balle-perdue/changes?axis=knownAt&from=2020-08-31&to=2023-01-01&limit=2',
      '/franchises/balle-perdue/changes?axis=knownAt&from=2020-08-31&to=2022-01-01',
    ],
    ['events', '/franchises/balle-perdue/events?limit=2', '/franchises/tyler-rake/events'],
    ['sources/{id}/claims', '/sources/article-004/claims?limit=2', '/sources/article-003/claims'],
    ['franchises', '/franchises?limit=2', '/sources/article-004/claims'],
  ])('refuses a %s cursor sent with other parameters, with 400 naming cursor', async (_, issuedFor, sentWith) => {
    const { next } = (await http.get(issuedFor)).body.page;
    const answer = await http.get(withQuery(sentWith, `cursor=${next}`));
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });

  it('keeps pages in place when claims are recorded between two pages of a fixed recordedBefore', async () => {
    const recordedBefore = new Date(running.clock.now().getTime() + 1).toISOString();
    running.clock.advance(60_000);
    const paths = [
      `/franchises/balle-perdue/timeline?recordedBefore=${recordedBefore}`,
      `/franchises/balle-perdue/claims?recordedBefore=${recordedBefore}`,
    ];
    const firstPages = await Promise.all(paths.map((path) => http.get(withQuery(path, 'limit=3'))));
    const wholes = await Promise.all(paths.map(async (path) => (await http.get(path)).body));

    // Sorts first in the timeline and in the first film's release-date fact.
    await http.post('/sources', { id: 'pg-late', name: 'Late report', publishedOn: '2024-01-01', language: 'en' });
    const early = await http.post('/franchises/balle-perdue/releases', {
      filmId: 'balle-perdue-1',
      releasedOn: '2019-01-01',
      sourceId: 'pg-late',
    });
    expect(early.status).toBe(201);

    for (const [i, name] of ['timeline', 'claims'].entries()) {
      const { items } = LISTINGS[name];
      const rest = await walk(firstPages[i].body.page.nextLink);
      expect(ids([...items(firstPages[i].body), ...rest.flatMap(items)])).toEqual(ids(items(wholes[i])));
    }
    const now = (await http.get('/franchises/balle-perdue/timeline')).body.entries;
    expect(now.map((e: any) => e.eventId)).toContain(early.body.eventId);
  });

  it('without recordedBefore, neither repeats nor skips what was there when a claim sorting first arrives between pages', async () => {
    const path = '/franchises/balle-perdue/timeline';
    const before = ids(LISTINGS.timeline.items((await http.get(path)).body));
    const first = (await http.get(withQuery(path, 'limit=3'))).body;

    await http.post('/sources', { id: 'pg-later', name: 'Later report', publishedOn: '2024-02-01', language: 'en' });
    const early = await http.post('/franchises/balle-perdue/releases', {
      filmId: 'balle-perdue-1',
      releasedOn: '2018-01-01',
      sourceId: 'pg-later',
    });
    expect(early.status).toBe(201);

    const rest = await walk(first.page.nextLink);
    const walked = ids([first, ...rest].flatMap(LISTINGS.timeline.items));
    expect(walked).not.toContain(early.body.eventId);
    expect(walked.filter((id) => before.includes(id))).toEqual(before);
  });

  it.each([
    ['source', 'sources', { id: 'pg-earliest', name: 'Early report', publishedOn: '2019-01' }],
    ['franchise', 'franchises', { id: 'a-first-saga', title: 'First by id' }],
  ])(
    'neither repeats nor skips a %s when one that sorts before the page is added between pages',
    async (_, name, sortsFirst) => {
      const { path, items } = LISTINGS[name];
      const before = ids(items((await http.get(path)).body));
      const first = (await http.get(withQuery(path, 'limit=3'))).body;

      const added = await http.post(path, sortsFirst);
      expect(added.status).toBe(201);

      const walked = ids([first, ...(await walk(first.page.nextLink))].flatMap(items));
      expect(walked).toEqual(before);
      expect(ids(items((await http.get(path)).body))[0]).toBe(sortsFirst.id);
    },
  );

  it('lists a fact spanning two pages on both, with its resolution', async () => {
    const path = '/franchises/balle-perdue/claims?field=releasedOn&filmId=balle-perdue-1';
    const [whole] = (await http.get(path)).body.facts;
    const pages = await walk(withQuery(path, 'limit=1'));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page.facts).toEqual([{ ...whole, values: expect.any(Array) }]);
    }
  });

  it('answers 404 for an unknown franchise or source, paged or not', async () => {
    expect((await http.get('/franchises/no-such/events?limit=2')).status).toBe(404);
    expect((await http.get('/sources/no-such/claims?limit=2')).status).toBe(404);
  });
});
