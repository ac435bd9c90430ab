import { ClaimEvent } from '@app/domain';
import { claim } from '@app/domain/events/timeline-events.fixtures';
import { summarize } from './summarize';

const film = 'balle-perdue-1';
const chart = 'netflix-top-10-films';

describe('summarize', () => {
  it.each<[string, ClaimEvent, string, string]>([
    [
      'a release on a platform',
      claim('FilmReleased', { filmId: film, releasedOn: '2020-06-19', platform: 'Netflix' }, 's'),
      'Balle perdue',
      'Balle perdue released on Netflix',
    ],
    [
      'a release',
      claim('FilmReleased', { filmId: film, releasedOn: '2020-06-19' }, 's'),
      'Balle perdue',
      'Balle perdue released',
    ],
    [
      'a scheduled release on a platform',
      claim(
        'ReleaseScheduled',
        { filmId: 'balle-perdue-2', announcedOn: '2022-10', scheduledFor: '2022-11-10', platform: 'Netflix' },
        's',
      ),
      'Balle perdue 2',
      'Balle perdue 2 scheduled for release on 2022-11-10 on Netflix',
    ],
    [
      'a scheduled release',
      claim('ReleaseScheduled', { filmId: 'balle-perdue-2', announcedOn: '2022-10', scheduledFor: '2022-11' }, 's'),
      'Balle perdue 2',
      'Balle perdue 2 scheduled for release on 2022-11',
    ],
    [
      'a milestone over a window of days',
      claim(
        'ViewershipMilestoneReached',
        { filmId: film, views: 37_000_000, reachedOn: '2020-07', window: 'P28D' },
        's',
      ),
      'Balle perdue',
      'Balle perdue passed 37,000,000 views within 28 days',
    ],
    [
      'a milestone over one month',
      claim('ViewershipMilestoneReached', { filmId: film, views: 1_500, reachedOn: '2020-07', window: 'P1M' }, 's'),
      'Balle perdue',
      'Balle perdue passed 1,500 views within 1 month',
    ],
    [
      'a milestone over a window it cannot put in words',
      claim(
        'ViewershipMilestoneReached',
        { filmId: film, views: 37_000_000, reachedOn: '2020-07', window: 'P1Y2M' },
        's',
      ),
      'Balle perdue',
      'Balle perdue passed 37,000,000 views within P1Y2M',
    ],
    [
      'a milestone with no window',
      claim('ViewershipMilestoneReached', { filmId: film, views: 37_000_000, reachedOn: '2020-07' }, 's'),
      'Balle perdue',
      'Balle perdue passed 37,000,000 views',
    ],
    [
      'a sequel announcement',
      claim('SequelAnnounced', { filmId: 'balle-perdue-2', announcedOn: '2020-07' }, 's'),
      'Balle perdue 2',
      'Balle perdue 2 announced',
    ],
    ['a trilogy confirmation', claim('TrilogyConfirmed', { confirmedOn: '2022-10' }, 's'), '', 'Trilogy confirmed'],
    [
      'a greenlight by someone',
      claim('ProductionGreenlit', { filmId: 'balle-perdue-3', greenlitOn: '2022', by: 'Netflix' }, 's'),
      'Balle perdue 3',
      'Balle perdue 3 greenlit by Netflix',
    ],
    [
      'a greenlight',
      claim('ProductionGreenlit', { filmId: 'balle-perdue-3', greenlitOn: '2022' }, 's'),
      'Balle perdue 3',
      'Balle perdue 3 greenlit',
    ],
    [
      'a wrap after some weeks',
      claim('ProductionWrapped', { filmId: 'balle-perdue-2', wrappedOn: '2022', shootingDuration: 'P6W' }, 's'),
      'Balle perdue 2',
      'Shooting of Balle perdue 2 wrapped after 6 weeks',
    ],
    [
      'a wrap after one week',
      claim('ProductionWrapped', { filmId: 'balle-perdue-2', wrappedOn: '2022', shootingDuration: 'P1W' }, 's'),
      'Balle perdue 2',
      'Shooting of Balle perdue 2 wrapped after 1 week',
    ],
    [
      'a wrap',
      claim('ProductionWrapped', { filmId: 'balle-perdue-2', wrappedOn: '2022' }, 's'),
      'Balle perdue 2',
      'Shooting of Balle perdue 2 wrapped',
    ],
    [
      'a number one in a country for weeks',
      claim(
        'ChartRankingReached',
        { filmId: film, chart, rank: 1, rankedOn: '2020-06', territory: 'FR', weeks: 2 },
        's',
      ),
      'Balle perdue',
      'Balle perdue number one of netflix-top-10-films in FR for 2 weeks',
    ],
    [
      'a top 10 in many countries for one week',
      claim(
        'ChartRankingReached',
        { filmId: film, chart, rank: 10, rankedOn: '2020-06', territoryCount: 30, weeks: 1 },
        's',
      ),
      'Balle perdue',
      'Balle perdue in the top 10 of netflix-top-10-films in 30 countries for 1 week',
    ],
    [
      'a ranking with neither place nor duration',
      claim('ChartRankingReached', { filmId: film, chart, rank: 3, rankedOn: '2020-06' }, 's'),
      'Balle perdue',
      'Balle perdue in the top 3 of netflix-top-10-films',
    ],
  ])('sums up %s in one line', (_, event, title, line) => {
    const summary = summarize(event, title);

    expect(summary).toBe(line);
    expect(summary).not.toMatch(/\n|undefined|null|  /);
  });

  it('prefers the country over the count of countries when both are given', () => {
    const ranking = claim(
      'ChartRankingReached',
      { filmId: film, chart, rank: 2, rankedOn: '2020-06', territory: 'FR', territoryCount: 30 },
      's',
    );

    expect(summarize(ranking, 'Balle perdue')).toBe('Balle perdue in the top 2 of netflix-top-10-films in FR');
  });
});
