import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

/**
 * The seeded release date of the first film: 2020-06-19 (articles 000, 001, 002), the coarser
 * `2020~` containing it (article-003) and the disjoint 2020-06-26 (article-004). Under latest,
 * earliest and trusted a single claim decides, so `2020~` stands accepted only because it backs
 * the believed value. article-002 is ranked highest for `trusted`; no other policy looks at ranks.
 */
describe.each(STORE_KINDS)('ledger standings under latest, earliest and trusted (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const standings = async (policy: string) => {
    const ledger = (
      await http.get(`/franchises/balle-perdue/claims?field=releasedOn&filmId=balle-perdue-1&policy=${policy}`)
    ).body;
    const [fact] = ledger.facts;
    const claims = fact.values.flatMap((v: any) => v.claims.map((c: any) => ({ value: v.value, ...c })));
    const decidedBy = claims
      .filter((c: any) => fact.resolved.decidedBy.includes(c.eventId))
      .map((c: any) => c.sourceId);
    return {
      believed: fact.resolved.value,
      decidedBy,
      standings: Object.fromEntries(claims.map((c: any) => [c.sourceId, `${c.value} ${c.standing}`])),
    };
  };

  beforeAll(async () => {
    running = await startApp({ kind });
    expect((await http.put('/sources/article-002/reliability', { rank: 80 })).status).toBe(201);
  });
  afterAll(() => running.dispose());

  it.each([
    ['earliest', 'the first published'],
    ['trusted', 'the highest-ranked'],
  ])(
    'under %s: %s claim decides 2020-06-19; 2020~ contains it and stands accepted, 2020-06-26 is outvoted',
    async (policy) => {
      expect(await standings(policy)).toEqual({
        believed: '2020-06-19',
        decidedBy: ['article-002'],
        standings: {
          'article-000': '2020-06-19 accepted',
          'article-001': '2020-06-19 accepted',
          'article-002': '2020-06-19 accepted',
          'article-003': '2020~ accepted',
          'article-004': '2020-06-26 outvoted',
        },
      });
    },
  );

  it('under latest: the last published 2020-06-26 decides; 2020~ contains it too, 2020-06-19 is outvoted', async () => {
    expect(await standings('latest')).toEqual({
      believed: '2020-06-26',
      decidedBy: ['article-004'],
      standings: {
        'article-000': '2020-06-19 outvoted',
        'article-001': '2020-06-19 outvoted',
        'article-002': '2020-06-19 outvoted',
        'article-003': '2020~ accepted',
        'article-004': '2020-06-26 accepted',
      },
    });
  });
});
