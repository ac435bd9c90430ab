import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

/**
 * A film named only in an article published later, recorded first: answers asked at dates
 * before that article must not name the film by a title nobody had published yet.
 */
describe.each(STORE_KINDS)('wording from what was known at the dates asked (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running.url);
  const franchise = '/franchises/wording-test';
  let greenlight: string;
  const timeline = async (query = '') => (await http.get(`${franchise}/timeline?${query}`)).body.entries;
  const summaryOf = async (eventId: string, query = '') =>
    (await timeline(query)).find((e: any) => e.eventId === eventId)?.summary;

  beforeAll(async () => {
    running = await startApp({ kind, seed: false });
    await http.post('/franchises', { id: 'wording-test', title: 'Wording test' });
    await http.post('/sources', { id: 'late-review', name: 'A review', publishedOn: '2022-03' });
    await http.post('/sources', { id: 'early-news', name: 'Early news', publishedOn: '2020-06' });
    await http.post('/sources', { id: 'early-correction', name: 'A correction', publishedOn: '2021-02' });
    // The later article is recorded first: its title is in the read models before the early claim is.
    await http.post(`${franchise}/releases`, {
      filmId: 'wt-1',
      title: 'The Later Title',
      releasedOn: '2021-09',
      sourceId: 'late-review',
    });
    greenlight = (
      await http.post(`${franchise}/greenlights`, { filmId: 'wt-1', greenlitOn: '2020-05', sourceId: 'early-news' })
    ).body.eventId;
  });
  afterAll(() => running.dispose());

  it('names the film by its id before the article that titled it was published', async () => {
    expect(await summaryOf(greenlight, 'knownAt=2021-12-31')).toBe('wt-1 greenlit');
    const state = (await http.get(`${franchise}/state?knownAt=2021-12-31`)).body;
    expect(state.films).toEqual([expect.objectContaining({ filmId: 'wt-1', title: 'wt-1' })]);
  });

  it('names it by its title once that article is known, and with no date asked', async () => {
    expect(await summaryOf(greenlight, 'knownAt=2022-03-31')).toBe('The Later Title greenlit');
    expect(await summaryOf(greenlight)).toBe('The Later Title greenlit');
  });

  it('does not use a title recorded after recordedBefore', async () => {
    const afterEverything = new Date(running.clock.now().getTime() + 1).toISOString();
    expect(await summaryOf(greenlight, `recordedBefore=${afterEverything}`)).toBe('The Later Title greenlit');
    // The same question on the two other axes at once: the title is not known by 2021.
    expect(await summaryOf(greenlight, `knownAt=2021&recordedBefore=${afterEverything}`)).toBe('wt-1 greenlit');
  });

  it('words the claims a source made with every title known, no date being asked', async () => {
    const claims = (await http.get('/sources/early-news/claims')).body.claims;
    expect(claims).toEqual([expect.objectContaining({ eventId: greenlight, summary: 'The Later Title greenlit' })]);
  });

  describe('a retraction', () => {
    let retraction: string;

    beforeAll(async () => {
      retraction = (
        await http.post(`${franchise}/retractions`, {
          eventId: greenlight,
          sourceId: 'early-correction',
          reason: 'no green light yet',
        })
      ).body.eventId;
    });

    it('quotes the retracted claim worded with the titles known at the dates asked', async () => {
      expect(await summaryOf(retraction, 'knownAt=2021-12-31')).toBe(
        'Claim retracted (no green light yet): “wt-1 greenlit”',
      );
      expect(await summaryOf(retraction)).toBe('Claim retracted (no green light yet): “The Later Title greenlit”');
      const entry = (await timeline()).find((e: any) => e.eventId === retraction);
      expect(entry).toMatchObject({ type: 'ClaimRetracted', filmId: 'wt-1' });
    });
  });
});
