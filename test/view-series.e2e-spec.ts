import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

/**
 * A film's views reported by date, without a counting window, are one growing series: forty
 * growing readings make one undisputed fact, and a conflict names only the readings that cannot
 * all be true (a lower count certainly taken after a higher one).
 */
describe.each(STORE_KINDS)('a series of view counts is not a conflict (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const franchise = '/franchises/series-e2e';
  const dayOf = (i: number) => new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10);
  let outlier: string;

  beforeAll(async () => {
    running = await startApp({ kind });
    for (const [id, publishedOn] of [
      ['series-daily', '2021-03-01'],
      ['series-weekly', '2021-03-02'],
      ['series-outlier', '2021-03-03'],
    ]) {
      expect((await http.post('/sources', { id, name: id, publishedOn, language: 'en' })).status).toBe(201);
    }
    expect((await http.post('/franchises', { id: 'series-e2e', title: 'Series' })).status).toBe(201);
    const release = { filmId: 'film-1', title: 'Film one', releasedOn: '2021-01-01', sourceId: 'series-daily' };
    expect((await http.post(`${franchise}/releases`, release)).status).toBe(201);
    for (let i = 0; i < 40; i++) {
      const reading = {
        filmId: 'film-1',
        views: 1_000_000 * (i + 1),
        reachedOn: dayOf(i),
        sourceId: i % 2 ? 'series-daily' : 'series-weekly',
      };
      expect((await http.post(`${franchise}/viewership-milestones`, reading)).status).toBe(201);
    }
    // 5 million on 20 January: both sources had it at 20 million by then.
    const answer = await http.post(`${franchise}/viewership-milestones`, {
      filmId: 'film-1',
      views: 5_000_000,
      reachedOn: '2021-01-20',
      sourceId: 'series-outlier',
    });
    expect(answer.status).toBe(201);
    outlier = answer.body.eventId;
  });
  afterAll(() => running.dispose());

  it('believes the highest reading, undisputed, before the outlier was reported', async () => {
    const state = (await http.get(`${franchise}/state?knownAt=2021-03-02`)).body;

    expect(state.conflicts).toEqual([]);
    expect(state.films[0].peakViews).toBe(40_000_000);
    expect(state.facts.filter((f: any) => f.field === 'views')).toEqual([
      expect.objectContaining({ value: 40_000_000, disputed: false, supportedBy: ['series-daily'] }),
    ]);
  });

  it('lists as a conflict only the readings the outlier contradicts, and outvotes the outlier', async () => {
    const state = (await http.get(`${franchise}/state`)).body;

    expect(state.conflicts).toHaveLength(1);
    const [conflict] = state.conflicts;
    expect(conflict).toMatchObject({ filmId: 'film-1', field: 'views', resolved: 40_000_000 });
    // The readings from 6 million (6 January) to 20 million (20 January) are higher, yet no later.
    // The believed count first, then the outvoted outlier, then those it contradicts.
    expect(conflict.values.map((v: any) => v.value)).toEqual([
      40_000_000,
      5_000_000,
      ...Array.from({ length: 15 }, (_, i) => (i + 6) * 1_000_000),
    ]);
    expect(conflict.values[1]).toEqual({
      value: 5_000_000,
      sourceIds: ['series-outlier'],
      origins: ['series-outlier'],
      eventIds: [outlier],
      at: ['2021-01-20'],
    });

    const ledger = (await http.get(`${franchise}/claims?field=views`)).body;
    const standings = ledger.facts[0].values.flatMap((v: any) => v.claims.map((c: any) => [c.eventId, c.standing]));
    expect(standings).toHaveLength(41);
    expect(standings.filter(([, standing]: string[]) => standing === 'outvoted')).toEqual([[outlier, 'outvoted']]);
  });

  it('tells the sources whose readings the outlier contradicts, and no others', async () => {
    const claims = (await http.get('/sources/series-daily/claims')).body.claims;
    const contradicted = claims.filter((c: any) => c.contradictedBy.length > 0).map((c: any) => c.occurredOn);

    expect(contradicted).toEqual(Array.from({ length: 8 }, (_, i) => dayOf(5 + 2 * i)));
    expect(claims.find((c: any) => c.occurredOn === dayOf(21))?.contradictedBy).toEqual([]);
  });
});
