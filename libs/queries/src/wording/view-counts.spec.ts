import { ViewCountsCompared } from '@app/domain';
import { explainViewCounts } from './view-counts';

const count = (window: string | null, value: number) => ({ window, value, supportedBy: ['a'], origins: ['a'] });

describe('explainViewCounts', () => {
  it('says counts over different windows are no conflict, and that a total is not checked against them', () => {
    const compared: ViewCountsCompared = {
      filmId: 'balle-perdue-1',
      counts: [count('P28D', 37_000), count('P1M', 37_000_000), count(null, 37_000_000)],
      consistent: true,
    };

    expect(explainViewCounts(compared)).toBe(
      'Counts over different windows (28 days, 1 month, a total reached by a date) are different figures, not rival ' +
        'values: views only grow, so a count over a shorter window may be lower than one over a longer window, never ' +
        'higher, and none here is. A total reached by a date is not checked against the windows’ counts: the state ' +
        'compares the values believed, not the dates they were reached.',
    );
  });

  it('names the shorter window that counts more, with both counts', () => {
    const compared: ViewCountsCompared = {
      filmId: 'balle-perdue-1',
      counts: [count('P28D', 40_000_000), count('P1M', 37_000_000)],
      consistent: false,
      contradiction: { shorter: 'P28D', longer: 'P1M' },
    };

    expect(explainViewCounts(compared)).toBe(
      'The count over 28 days (40,000,000) is higher than the count over 1 month (37,000,000), a window at least ' +
        'as long: views only grow, so one of them is wrong.',
    );
  });

  it('says which two windows it could not order', () => {
    const compared: ViewCountsCompared = {
      filmId: 'balle-perdue-1',
      counts: [count('P1M', 37_000_000), count('P30D', 40_000_000)],
      consistent: true,
      unordered: ['P1M', 'P30D'],
    };

    expect(explainViewCounts(compared)).toMatch(
      /never higher, and none here is\. 1 month and 30 days are not compared: either may be the longer\.$/,
    );
  });
});
