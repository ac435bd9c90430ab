import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

/**
 * A film named only in an article published later, recorded first: answers asked at dates
 * before that article must not name the film by a title nobody had published yet. Each scenario
 * has its own franchise, all set up before the tests, which only read.
 */
describe.each(STORE_KINDS)('wording from what was known at the dates asked (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const ids = { titled: '', retracted: '', retraction: '', retitled: '' };
  let beforeRetitle: string;
  const summaryOf = async (franchiseId: string, eventId: string, query = '') => {
    const entries = (await http.get(`/franchises/${franchiseId}/timeline?${query}`)).body.entries;
    return entries.find((e: any) => e.eventId === eventId)?.summary;
  };

  /** A franchise whose film is titled by the 2022 review, recorded before the 2020 news greenlighting it. */
  const titledLate = async (franchiseId: string): Promise<string> => {
    await http.post('/franchises', { id: franchiseId, title: `Franchise ${franchiseId}` });
    await http.post(`/franchises/${franchiseId}/releases`, {
      filmId: `${franchiseId}-1`,
      title: 'The Later Title',
      releasedOn: '2021-09',
      sourceId: 'late-review',
    });
    const greenlight = await http.post(`/franchises/${franchiseId}/greenlights`, {
      filmId: `${franchiseId}-1`,
      greenlitOn: '2020-05',
      sourceId: 'early-news',
    });
    return greenlight.body.eventId;
  };

  beforeAll(async () => {
    running = await startApp({ kind, seed: false });
    await http.post('/sources', { id: 'late-review', name: 'A review', publishedOn: '2022-03' });
    await http.post('/sources', { id: 'early-news', name: 'Early news', publishedOn: '2020-06' });
    await http.post('/sources', { id: 'last-review', name: 'A last review', publishedOn: '2023-05' });
    ids.titled = await titledLate('wording-a');

    ids.retracted = await titledLate('wording-b');
    // The early news withdraws its greenlight in February 2021.
    const retraction = await http.post('/franchises/wording-b/retractions', {
      eventId: ids.retracted,
      sourceId: 'early-news',
      reason: 'no green light yet',
      retractedOn: '2021-02',
    });
    ids.retraction = retraction.body.eventId;

    ids.retitled = await titledLate('wording-c');
    beforeRetitle = new Date(running.clock.now().getTime() + 1).toISOString();
    running.clock.advance(86_400_000);
    await http.post('/franchises/wording-c/releases', {
      filmId: 'wording-c-1',
      title: 'The Final Title',
      releasedOn: '2021-09',
      sourceId: 'last-review',
    });
  });
  afterAll(() => running.dispose());

  it('names the film by its id before the article that titled it was published', async () => {
    expect(await summaryOf('wording-a', ids.titled, 'knownAt=2021-12-31')).toBe('wording-a-1 greenlit');
    const state = (await http.get('/franchises/wording-a/state?knownAt=2021-12-31')).body;
    expect(state.films).toEqual([expect.objectContaining({ filmId: 'wording-a-1', title: 'wording-a-1' })]);
  });

  it('names it by its title once that article is known, and with no date asked', async () => {
    expect(await summaryOf('wording-a', ids.titled, 'knownAt=2022-03-31')).toBe('The Later Title greenlit');
    expect(await summaryOf('wording-a', ids.titled)).toBe('The Later Title greenlit');
  });

  it('names it by a title already published, as of a date before the titled claim happened', async () => {
    // The greenlight (2020-05) counts as of 2020-12; the release that titles the film (2021-09) does
    // not, but the review saying so is published: the title is known, whatever asOf is asked.
    expect(await summaryOf('wording-a', ids.titled, 'asOf=2020-12')).toBe('The Later Title greenlit');
    const state = (await http.get('/franchises/wording-a/state?asOf=2020-12')).body;
    expect(state.films).toEqual([expect.objectContaining({ filmId: 'wording-a-1', title: 'The Later Title' })]);
    expect(await summaryOf('wording-a', ids.titled, 'asOf=2020-12&knownAt=2021-12-31')).toBe('wording-a-1 greenlit');
  });

  it('uses no title recorded at or after recordedBefore', async () => {
    expect(await summaryOf('wording-c', ids.retitled, `recordedBefore=${beforeRetitle}`)).toBe(
      'The Later Title greenlit',
    );
    expect(await summaryOf('wording-c', ids.retitled)).toBe('The Final Title greenlit');
    // Recorded, but its article not yet published by the end of 2022.
    expect(await summaryOf('wording-c', ids.retitled, 'knownAt=2022-12-31')).toBe('The Later Title greenlit');
  });

  it('words the claims a source made with every title known, no date being asked', async () => {
    const claims = (await http.get('/sources/early-news/claims')).body.claims;
    expect(claims.find((c: any) => c.eventId === ids.titled).summary).toBe('The Later Title greenlit');
    expect(claims.find((c: any) => c.eventId === ids.retitled).summary).toBe('The Final Title greenlit');
  });

  it('quotes a retracted claim worded with the titles known at the dates asked', async () => {
    expect(await summaryOf('wording-b', ids.retraction, 'knownAt=2021-12-31')).toBe(
      'Claim retracted (no green light yet): “wording-b-1 greenlit”',
    );
    expect(await summaryOf('wording-b', ids.retraction)).toBe(
      'Claim retracted (no green light yet): “The Later Title greenlit”',
    );
    const entries = (await http.get('/franchises/wording-b/timeline')).body.entries;
    expect(entries.find((e: any) => e.eventId === ids.retraction)).toMatchObject({
      type: 'ClaimRetracted',
      filmId: 'wording-b-1',
    });
  });
});
