import { EdtfDate } from '../dates/edtf-date';
import { claim } from '../events/timeline-events.fixtures';
import { ClaimEvent } from '../events/timeline-events';
import { WeighedClaim } from './franchise-at-date';
import { releaseCalendar } from './release-calendar';

/** Claims weighed in the order given, each recorded a day after the one before. */
function weigh(...claims: [ClaimEvent, string][]): WeighedClaim[] {
  return claims.map(([c, publishedOn], i) => ({
    claim: { ...c, meta: { ...c.meta, recordedAt: `2026-11-${String(10 + i).padStart(2, '0')}T10:00:00.000Z` } },
    publishedOn: EdtfDate.parse(publishedOn),
    sequence: i + 1,
  }));
}

const scheduled = (filmId: string, scheduledFor: string, sourceId: string) =>
  claim('ReleaseScheduled', { filmId, announcedOn: '2022-06', scheduledFor }, sourceId);
const released = (filmId: string, releasedOn: string, sourceId: string) =>
  claim('FilmReleased', { filmId, releasedOn }, sourceId);

describe('releaseCalendar', () => {
  it('gives each film its release believed, revision 0 for its first claim', () => {
    const calendar = releaseCalendar(weigh([scheduled('film-2', '2022-10/2022-12', 'a'), '2022-07']));

    expect(calendar).toEqual([
      {
        filmId: 'film-2',
        status: 'scheduled',
        on: '2022-10/2022-12',
        between: { earliest: '2022-10-01', latest: '2022-12-31' },
        supportedBy: ['a'],
        revision: 0,
        changedAt: '2026-11-10T10:00:00.000Z',
      },
    ]);
  });

  it('counts a revision for each claim about the release, up to the schedule becoming a release', () => {
    const calendar = releaseCalendar(
      weigh(
        [scheduled('film-2', '2022-10/2022-12', 'a'), '2022-07'],
        [scheduled('film-2', '2022-11-10', 'b'), '2022-10'],
        [scheduled('film-2', '2022-11-10', 'c'), '2022-10'],
        [released('film-2', '2022-11-10', 'd'), '2022-11-20'],
      ),
    );

    expect(calendar).toEqual([
      expect.objectContaining({
        status: 'released',
        on: '2022-11-10',
        revision: 3,
        changedAt: '2026-11-13T10:00:00.000Z',
      }),
    ]);
  });

  it('never counts down: withdrawing the claims that moved the date moves it back, two revisions later', () => {
    const claims = weigh(
      [scheduled('film-2', '2022-11-10', 'a'), '2022-10'],
      [scheduled('film-2', '2022-12-01', 'b'), '2022-11-20'],
    );
    const before = releaseCalendar(claims)[0];

    const after = releaseCalendar([claims[0], { ...claims[1], withdrawn: true }])[0];

    expect(before).toMatchObject({ on: '2022-12-01', revision: 1 });
    expect(after).toMatchObject({ on: '2022-11-10', revision: 2 });
  });

  it('leaves out films with no release date', () => {
    const calendar = releaseCalendar(
      weigh(
        [scheduled('film-2', '2022-11-10', 'a'), '2022-10'],
        [scheduled('film-2', '2022-11-10', 'b'), '2022-10'],
        [claim('SequelAnnounced', { filmId: 'film-3', announcedOn: '2022-10' }, 'a'), '2022-10'],
      ),
    );

    expect(calendar).toEqual([expect.objectContaining({ filmId: 'film-2', supportedBy: ['a', 'b'] })]);
  });
});
