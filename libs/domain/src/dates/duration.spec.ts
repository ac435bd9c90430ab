import { durationDays, durationLength, isDuration } from './duration';

describe('durations', () => {
  it('takes whole positive counts of days, weeks, months or years only', () => {
    expect(['P28D', 'P6W', 'P1M', 'P2Y'].every(isDuration)).toBe(true);
    expect(['P0D', 'P1.5M', 'PT1H', '28D', 'P1M2D'].some(isDuration)).toBe(false);
  });

  it('counts weeks in days and years in months, so equal lengths compare equal', () => {
    expect(durationLength('P1W')).toEqual(durationLength('P7D'));
    expect(durationLength('P1Y')).toEqual(durationLength('P12M'));
    expect(durationLength('P2M')).toEqual({ unit: 'months', count: 2 });
  });

  it.each([
    ['P28D', 28, 28],
    ['P1M', 28, 31],
    ['P2M', 59, 62],
    ['P11M', 334, 337],
    ['P1Y', 365, 366],
    ['P4Y', 1460, 1461],
    ['P400Y', 146_097, 146_097],
  ])('knows %s lasts %i to %i days', (value, fewest, most) => {
    expect(durationDays(value)).toEqual({ fewest, most });
  });
});
