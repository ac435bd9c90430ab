import { beliefChanges } from './belief-changes';
import { FactBelief } from './franchise-at-date';

const belief = (
  filmId: string | null,
  field: FactBelief['field'],
  value: string | number,
  window?: string,
): FactBelief => ({
  filmId,
  field,
  ...(window ? { window } : {}),
  value,
  policy: 'majority',
  decidedBy: [],
  supportedBy: [],
  origins: [],
  disputed: false,
  certainty: 'certain',
});

describe('beliefChanges', () => {
  it('lists a fact believed at one point only, or believed with another value', () => {
    const from = [belief('f1', 'releasedOn', '2020-06-19'), belief('f1', 'views', 37_000_000, 'P28D')];
    const to = [
      belief('f1', 'releasedOn', '2020-06-26'),
      belief('f1', 'views', 37_000_000, 'P28D'),
      belief(null, 'confirmedOn', '2022-11'),
    ];

    expect(beliefChanges(from, to)).toEqual([
      { filmId: 'f1', field: 'releasedOn', from: '2020-06-19', to: '2020-06-26' },
      { filmId: null, field: 'confirmedOn', from: null, to: '2022-11' },
    ]);
    expect(beliefChanges(to, [])).toEqual([
      { filmId: 'f1', field: 'releasedOn', from: '2020-06-26', to: null },
      { filmId: 'f1', field: 'views', window: 'P28D', from: 37_000_000, to: null },
      { filmId: null, field: 'confirmedOn', from: '2022-11', to: null },
    ]);
  });

  it('tells facts apart by film, field and counting window', () => {
    const from = [belief('f1', 'views', 37_000_000, 'P28D')];
    const to = [belief('f1', 'views', 37_000_000, 'P91D'), belief('f2', 'views', 37_000_000, 'P28D')];

    expect(beliefChanges(from, to).map(({ filmId, window, from, to }) => [filmId, window, from, to])).toEqual([
      ['f1', 'P28D', 37_000_000, null],
      ['f1', 'P91D', null, 37_000_000],
      ['f2', 'P28D', null, 37_000_000],
    ]);
  });
});
