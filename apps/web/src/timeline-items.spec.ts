import type { Film, TimelineEntry } from './api';
import { FRANCHISE_LANE, drawnDays, extentOf, factId, lanesOf, marksOf } from './timeline-items';

const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({
  eventId: 'e1',
  type: 'FilmReleased',
  occurredOn: '2020-06-19',
  occurredBetween: { earliest: '2020-06-19', latest: '2020-06-19' },
  certainty: 'certain',
  filmId: 'film-1',
  summary: 'Film released',
  sourceId: 'article-000',
  recordedAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('timeline marks', () => {
  it('draws an exact day as a day and an uncertain date as the span of days it may be', () => {
    const [day, span] = marksOf([
      entry({}),
      entry({ eventId: 'e2', occurredOn: '2020~', occurredBetween: { earliest: '2020-01-01', latest: '2020-12-31' } }),
    ]);

    expect(day).toMatchObject({ exact: true, days: { earliest: '2020-06-19', latest: '2020-06-19' } });
    expect(span).toMatchObject({ exact: false, days: { earliest: '2020-01-01', latest: '2020-12-31' } });
    expect(span.description).toContain('about 2020 (2020~)');
    expect(day.description).toContain('19 June 2020.');
  });

  it('draws a scheduled release at the day planned, not at its announcement', () => {
    const [mark] = marksOf([
      entry({
        type: 'ReleaseScheduled',
        occurredOn: '2022-10/2022-11-09',
        occurredBetween: { earliest: '2022-10-01', latest: '2022-11-09' },
        scheduledFor: '2022-11-10',
        scheduledBetween: { earliest: '2022-11-10', latest: '2022-11-10' },
      }),
    ]);

    expect(mark).toMatchObject({ exact: true, label: 'scheduled release · article-000' });
    expect(mark.description).toContain(
      'planned for 10 November 2022, announced October 2022 to 9 November 2022 (2022-10/2022-11-09)',
    );
    expect(mark.days).toEqual({ earliest: '2022-11-10', latest: '2022-11-10' });
  });

  it('flags the marks whose fact the sources disagree on', () => {
    const release = { filmId: 'film-1', field: 'releasedOn' };
    const [flagged, plain] = marksOf(
      [entry({ fact: release }), entry({ eventId: 'e2', fact: { filmId: 'film-1', field: 'views', window: 'P28D' } })],
      new Set([factId(release)]),
    );

    expect(flagged).toMatchObject({ disputed: true, label: '⚑ release · article-000' });
    expect(flagged.description).toContain('Sources disagree');
    expect(plain.disputed).toBe(false);
  });

  it('puts a claim with no film in the franchise lane, and names a kind it does not know by its type', () => {
    const [mark] = marksOf([entry({ type: 'AwardWon', filmId: undefined })]);

    expect(mark).toMatchObject({ lane: FRANCHISE_LANE, label: 'AwardWon · article-000' });
  });

  it('draws an open end a year past the rest, and leaves it out of the extent', () => {
    const marks = marksOf([
      entry({}),
      entry({
        eventId: 'e2',
        occurredOn: '2021-09/..',
        occurredBetween: { earliest: '2021-09-01', latest: '9999-12-31' },
      }),
    ]);
    const extent = extentOf(marks)!;

    expect(extent).toEqual({ earliest: '2020-06-19', latest: '2021-09-01' });
    expect(marks[1].open).toBe(true);
    expect(drawnDays(marks[1], extent)).toEqual({ earliest: '2021-09-01', latest: '2022-09-01' });
  });

  it('gives the franchise a lane, then each film of the state, then films only the timeline names', () => {
    const films = [{ filmId: 'film-1', title: 'Film' }] as Film[];

    const lanes = lanesOf('Saga', films, [entry({}), entry({ filmId: 'film-9' })]);

    expect(lanes).toEqual([
      { id: FRANCHISE_LANE, title: 'Saga: the franchise' },
      { id: 'film-1', title: 'Film' },
      { id: 'film-9', title: 'film-9' },
    ]);
  });
});
