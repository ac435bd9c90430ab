import { apiParams, readViewState, writeViewState } from './view-state';

describe('the view kept in the address', () => {
  it('reads back what it wrote', () => {
    const view = {
      franchise: 'balle-perdue',
      asOf: '2020-07-01',
      knownAt: '2020-07-31',
      mode: 'possible',
      policy: 'trusted',
    } as const;

    const search = writeViewState(view);

    expect(search).toBe('?franchise=balle-perdue&asOf=2020-07-01&knownAt=2020-07-31&mode=possible&policy=trusted');
    expect(readViewState(search)).toEqual(view);
  });

  it('leaves the defaults out of the address', () => {
    expect(writeViewState({ franchise: 'balle-perdue', mode: 'certain', policy: 'majority' })).toBe(
      '?franchise=balle-perdue',
    );
    expect(writeViewState({ mode: 'certain', policy: 'majority' })).toBe('');
  });

  it('ignores dates, modes and policies it does not understand rather than asking the API for them', () => {
    expect(readViewState('?asOf=2020-02-30&knownAt=soon&mode=maybe&policy=loudest')).toEqual({
      mode: 'certain',
      policy: 'majority',
    });
    expect(readViewState('?asOf=2020-13-45').asOf).toBeUndefined();
  });

  it('keeps a franchise it does not know, so that the page can say there is none by that id', () => {
    expect(readViewState('?franchise=NOPE%3Cb%3E').franchise).toBe('NOPE<b>');
    expect(readViewState('?franchise=%20').franchise).toBeUndefined();
  });

  it('asks the API with the dates and mode, and the policy only where the read takes one', () => {
    const view = { franchise: 'x', asOf: '2020-07-01', mode: 'possible', policy: 'latest' } as const;

    expect(apiParams(view, true).toString()).toBe('asOf=2020-07-01&mode=possible&policy=latest');
    expect(apiParams(view, false).toString()).toBe('asOf=2020-07-01&mode=possible');
  });
});
