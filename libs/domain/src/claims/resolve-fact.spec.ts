import { EdtfDate } from '../dates/edtf-date';
import { FactClaim, FactValue } from './fact';
import { resolveFact } from './resolve-fact';
import { Testimony } from './testimony';

let sequence = 0;

/** `sourceId`, published on `publishedOn`, claims `value`; recorded after every earlier call. */
function says(sourceId: string, value: FactValue, publishedOn = '2020-07'): Testimony {
  sequence += 1;
  const claim: FactClaim = {
    key: { filmId: 'balle-perdue-1', field: typeof value === 'number' ? 'views' : 'releasedOn' },
    value,
    valueKind: typeof value === 'number' ? 'count' : 'date',
  };
  return { claim, eventId: `event-${sequence}`, sourceId, publishedOn: EdtfDate.parse(publishedOn), sequence };
}

/** `says`, relaying `origin` (published on `originOn`, ranked `originRank`) as its source names it. */
function relays(sourceId: string, value: FactValue, origin: string, publishedOn = '2020-07', originOn = '2020-07') {
  return { ...says(sourceId, value, publishedOn), origin: { sourceId: origin, publishedOn: EdtfDate.parse(originOn) } };
}

beforeEach(() => {
  sequence = 0;
});

describe('resolveFact', () => {
  it('refuses to resolve a fact nobody claimed', () => {
    expect(() => resolveFact([])).toThrow();
  });

  it('takes the only value claimed, undisputed', () => {
    const resolved = resolveFact([says('a', '2020-06-19')]);

    expect(resolved).toEqual({
      value: '2020-06-19',
      policy: 'majority',
      decidedBy: ['event-1'],
      values: [{ value: '2020-06-19', sourceIds: ['a'], origins: ['a'], eventIds: ['event-1'] }],
      disputed: false,
      supportedBy: ['a'],
      origins: ['a'],
    });
  });

  describe('majority', () => {
    it('lets the value claimed by the most sources win, even over a more recent source', () => {
      const resolved = resolveFact([
        says('a', '2020-06-19', '2020-06'),
        says('b', '2020-06-19', '2020-07'),
        says('c', '2020-06-26', '2022-10'),
      ]);

      expect(resolved.value).toBe('2020-06-19');
      expect(resolved.supportedBy).toEqual(['a', 'b']);
    });

    it('lets the majority win over a more precise minority in a count', () => {
      const resolved = resolveFact([says('a', 37_000_000), says('b', 37_000_000), says('c', 37_412_000, '2022-10')]);

      expect(resolved.value).toBe(37_000_000);
    });

    it('counts sources, not claims: one source claiming a value twice is one backer', () => {
      const resolved = resolveFact([
        says('a', '2020-06-26', '2020-06'),
        says('a', '2020-06-26', '2020-06'),
        says('b', '2020-06-19', '2020-07'),
      ]);

      expect(resolved.value).toBe('2020-06-19');
      expect(resolved.values[1]).toEqual({
        value: '2020-06-26',
        sourceIds: ['a'],
        origins: ['a'],
        eventIds: ['event-1', 'event-2'],
      });
    });

    it('lists values most supported first', () => {
      const resolved = resolveFact([
        says('a', '2020-06-26', '2022-10'),
        says('b', '2020-06-19'),
        says('c', '2020-06-19'),
      ]);

      expect(resolved.values.map((v) => v.value)).toEqual(['2020-06-19', '2020-06-26']);
      expect(resolved.values[0]).toEqual({
        value: '2020-06-19',
        sourceIds: ['b', 'c'],
        origins: ['b', 'c'],
        eventIds: ['event-2', 'event-3'],
      });
    });
  });

  describe('ties', () => {
    it('give the win to the most recently published source', () => {
      const resolved = resolveFact([says('a', '2020-06-19', '2020-07'), says('b', '2020-06-26', '2020-08')]);

      expect(resolved.value).toBe('2020-06-26');
    });

    it('give the win to the most recently published source whatever the order of the testimonies', () => {
      const older = says('a', '2020-06-19', '2020-07');
      const newer = says('b', '2020-06-26', '2020-08');

      expect(resolveFact([newer, older]).value).toBe('2020-06-26');
      expect(resolveFact([older, newer]).value).toBe('2020-06-26');
    });

    it('give the win to the later recorded claim when the sources were published in the same month', () => {
      const first = says('a', 37_000_000, '2020-07');
      const second = says('b', 40_000_000, '2020-07');

      expect(resolveFact([second, first]).value).toBe(40_000_000);
    });

    it('give the win to the more precise value before the more recent one', () => {
      const resolved = resolveFact([says('a', '2020-07-01', '2020-07'), says('b', '2020-06', '2020-08')]);

      expect(resolved.value).toBe('2020-07-01');
      expect(resolved.disputed).toBe(true);
    });
  });

  describe('dates at different precision', () => {
    it('lets a coarser date back a finer date it contains', () => {
      const resolved = resolveFact([says('a', '2020-06-19'), says('b', '2020-06'), says('c', '2020-07-02', '2022-10')]);

      expect(resolved.value).toBe('2020-06-19');
      expect(resolved.supportedBy).toEqual(['a', 'b']);
    });

    it('never lets a vague year win over the two days it could be (regression)', () => {
      const resolved = resolveFact([
        says('a', '2020-06-19', '2020-07'),
        says('b', '2020-06-26', '2020-08'),
        says('vague', '2020', '2022-10'),
      ]);

      expect(resolved.value).not.toBe('2020');
      expect(resolved.value).toBe('2020-06-26');
      expect(resolved.supportedBy).toEqual(['b', 'vague']);
      expect(resolved.disputed).toBe(true);
    });

    it('never lets a vague year claimed by two sources win over the day one of them contains', () => {
      const resolved = resolveFact([says('a', '2020'), says('b', '2020'), says('c', '2020-06-19', '2020-06')]);

      expect(resolved.value).toBe('2020-06-19');
      expect(resolved.supportedBy).toEqual(['a', 'b', 'c']);
    });

    it('does not let a finer date back a coarser one', () => {
      const resolved = resolveFact([says('a', '2022'), says('b', '2022-11-10')]);

      const year = resolved.values.find((v) => v.value === '2022');
      expect(year?.sourceIds).toEqual(['a']);
      expect(resolved.supportedBy).toEqual(['a', 'b']);
    });

    it('does not see nested dates as a dispute and resolves to the finer one', () => {
      const resolved = resolveFact([says('a', '2022', '2022-12'), says('b', '2022-11-10', '2022-11')]);

      expect(resolved.disputed).toBe(false);
      expect(resolved.value).toBe('2022-11-10');
    });

    it('does not see a year, a month and a day in it as a dispute', () => {
      const resolved = resolveFact([says('a', '2022'), says('b', '2022-11'), says('c', '2022-11-10')]);

      expect(resolved).toMatchObject({ disputed: false, value: '2022-11-10', supportedBy: ['a', 'b', 'c'] });
    });

    it('sees disjoint dates as a dispute', () => {
      expect(resolveFact([says('a', '2022-11'), says('b', '2022-12')]).disputed).toBe(true);
      expect(resolveFact([says('a', '2020-06-19'), says('b', '2020-06-26')]).disputed).toBe(true);
    });
  });

  describe('counts', () => {
    it('sees different counts as a dispute', () => {
      const resolved = resolveFact([says('a', 37_000_000), says('b', 40_000_000)]);

      expect(resolved.disputed).toBe(true);
      expect(resolved.values.map((v) => v.value).sort()).toEqual([37_000_000, 40_000_000]);
    });

    it('sees the same count from two sources as agreement backed by both', () => {
      const resolved = resolveFact([says('a', 37_000_000), says('b', 37_000_000)]);

      expect(resolved).toEqual({
        value: 37_000_000,
        policy: 'majority',
        decidedBy: ['event-1', 'event-2'],
        values: [{ value: 37_000_000, sourceIds: ['a', 'b'], origins: ['a', 'b'], eventIds: ['event-1', 'event-2'] }],
        disputed: false,
        supportedBy: ['a', 'b'],
        origins: ['a', 'b'],
      });
    });
  });

  describe('supportedBy', () => {
    it('lists the sources backing the resolved value, sorted', () => {
      const resolved = resolveFact([
        says('zeta', '2020-06-19'),
        says('alpha', '2020-06'),
        says('mid', '2020-06-19'),
        says('other', '2020-07-02', '2022-10'),
      ]);

      expect(resolved.supportedBy).toEqual(['alpha', 'mid', 'zeta']);
    });

    it('leaves out the sources of the values that lost', () => {
      const resolved = resolveFact([says('a', 37_000_000), says('b', 37_000_000), says('c', 40_000_000)]);

      expect(resolved.supportedBy).toEqual(['a', 'b']);
    });
  });

  describe('policies', () => {
    /** Three sources say 19 June (published July, August 2020), one later source says 26 June. */
    const dispute = (ranks: Record<string, number> = {}) =>
      [
        says('a', '2020-06-19', '2020-07'),
        says('b', '2020-06-19', '2020-08'),
        says('c', '2020-06-19', '2020-08'),
        says('d', '2020-06-26', '2022'),
      ].map((t) => ({ ...t, rank: ranks[t.sourceId] }));

    it('majority: the value most sources claim, decided by all of them', () => {
      const resolved = resolveFact(dispute(), 'majority');
      expect(resolved).toMatchObject({
        value: '2020-06-19',
        policy: 'majority',
        decidedBy: ['event-1', 'event-2', 'event-3'],
      });
    });

    it('latest: the most recently published claim wins, even alone', () => {
      const resolved = resolveFact(dispute(), 'latest');
      expect(resolved).toMatchObject({ value: '2020-06-26', decidedBy: ['event-4'] });
      expect(resolved.values[0].value).toBe('2020-06-26');
    });

    it('earliest: the first published claim wins', () => {
      expect(resolveFact(dispute(), 'earliest')).toMatchObject({ value: '2020-06-19', decidedBy: ['event-1'] });
    });

    it('trusted: the highest-ranked source wins over any number of others', () => {
      expect(resolveFact(dispute({ d: 5, a: 1 }), 'trusted')).toMatchObject({
        value: '2020-06-26',
        decidedBy: ['event-4'],
      });
    });

    it('trusted: among equally ranked sources, the majority decides', () => {
      const resolved = resolveFact(dispute(), 'trusted');
      expect(resolved).toMatchObject({ value: '2020-06-19', decidedBy: ['event-1', 'event-2', 'event-3'] });
    });

    it('keeps the dispute visible whatever the policy', () => {
      for (const policy of ['majority', 'latest', 'earliest', 'trusted'] as const) {
        expect(resolveFact(dispute(), policy).disputed).toBe(true);
      }
    });
  });

  it('orders an open or unknown publication end by the day its source was registered, not after every date', () => {
    const open = { ...says('open', '2020-06-26', '2020/..'), publishedBy: '2022-06-01' };
    const later = says('later', '2020-06-19', '2022-11');

    expect(resolveFact([open, later], 'latest').value).toBe('2020-06-19');
    expect(resolveFact([{ ...open, publishedBy: undefined }, later], 'latest').value).toBe('2020-06-26');
  });

  describe('independent origins', () => {
    it('counts sources relaying one origin once: two independent sources outvote three relays', () => {
      const resolved = resolveFact([
        relays('a', 37_000_000, 'tweet'),
        relays('b', 37_000_000, 'tweet'),
        relays('c', 37_000_000, 'tweet'),
        says('d', 37_000),
        says('e', 37_000),
      ]);

      expect(resolved.value).toBe(37_000);
      expect(resolved.values.map(({ value, sourceIds, origins }) => ({ value, sourceIds, origins }))).toEqual([
        { value: 37_000, sourceIds: ['d', 'e'], origins: ['d', 'e'] },
        { value: 37_000_000, sourceIds: ['a', 'b', 'c'], origins: ['tweet'] },
      ]);
      expect(resolved.origins).toEqual(['d', 'e']);
    });

    /** The tweet, one relay of it and one independent source on each side. */
    const balanced = () => [
      says('tweet', '2020-06-19', '2020-06'),
      relays('a', '2020-06-19', 'tweet', '2020-07', '2020-06'),
      says('b', '2020-06-19', '2020-08'),
      says('c', '2020-06-26', '2020-09'),
      says('d', '2020-06-26', '2020-07'),
    ];

    it.each(['majority', 'latest', 'earliest', 'trusted'] as const)(
      '%s: another relay of an origin that claims the value itself, later and trusted more, changes nothing',
      (policy) => {
        const before = resolveFact(balanced(), policy);

        const after = resolveFact(
          [...balanced(), { ...relays('z', '2020-06-19', 'tweet', '2022-12', '2020-06'), rank: 9 }],
          policy,
        );

        expect(after.value).toBe(before.value);
        expect(after.origins).toEqual(before.origins);
      },
    );

    /** A blog (rank 0, published late) naming an official statement (rank 90) it does not quote, against a trade paper (rank 50). */
    const borrowed = (officialSays?: string) => [
      ...(officialSays ? [{ ...says('official', officialSays, '2020-06'), rank: 90 }] : []),
      {
        ...relays('blog', '2020-06-26', 'official', '2020-09', '2020-06'),
        rank: 0,
        origin: { sourceId: 'official', publishedOn: EdtfDate.parse('2020-06'), rank: 90 },
      },
      { ...says('trade', '2020-06-19', '2020-08'), rank: 50 },
    ];

    it('lends a relay neither the rank nor the date of an origin not recorded as claiming its value', () => {
      expect(resolveFact(borrowed(), 'trusted').value).toBe('2020-06-19');
      // The blog is weighed as published in September: the latest, not the earliest.
      expect(resolveFact(borrowed(), 'earliest').value).toBe('2020-06-19');
      expect(resolveFact(borrowed(), 'latest').value).toBe('2020-06-26');
      expect(resolveFact(borrowed('2020-06-19'), 'trusted').value).toBe('2020-06-19');
    });

    it('weighs a relay as its origin where the origin claims the same value: as trusted, as old', () => {
      expect(resolveFact(borrowed('2020-06-26'), 'trusted')).toMatchObject({
        value: '2020-06-26',
        origins: ['official'],
      });
      expect(resolveFact(borrowed('2020-06-26'), 'earliest').value).toBe('2020-06-26');
      // Published in September, but relaying June: not the latest claim.
      expect(resolveFact(borrowed('2020-06-26'), 'latest').value).toBe('2020-06-19');
    });

    it('lends a reading of a series the origin’s rank only for the count the origin read on that date', () => {
      /** A reading of the views series: `views` reached by `at`. */
      const reads = (sourceId: string, views: number, at: string, rank: number, origin?: string): Testimony => ({
        ...says(sourceId, views, '2021-06'),
        claim: { key: { filmId: 'balle-perdue-1', field: 'views' }, value: views, valueKind: 'reading', at },
        rank,
        ...(origin ? { origin: { sourceId: origin, publishedOn: EdtfDate.parse('2021-01'), rank: 90 } } : {}),
      });
      const official = reads('official', 1_000_000, '2021-01-10', 90);
      const trade = reads('trade', 2_000_000, '2021-03-01', 50);
      // The same count as the official source's, but dated after the trade paper's higher one: it contradicts it.
      const relay = reads('blog', 1_000_000, '2021-05-01', 0, 'official');

      const resolved = resolveFact([official, trade, relay], 'trusted');

      expect(resolved.value).toBe(2_000_000);
      expect(resolved.rejected).toEqual([relay.eventId]);
    });

    it('still counts a relay of an origin not claiming its value once with that origin', () => {
      const resolved = resolveFact([...borrowed(), says('other', '2020-06-26', '2020-08')]);

      expect(resolved.values[0]).toMatchObject({ value: '2020-06-26', origins: ['official', 'other'] });
    });

    it('changes the majority when the same claim comes from an independent source', () => {
      const tied = resolveFact([
        relays('a', 37_000_000, 'tweet'),
        relays('b', 37_000_000, 'tweet'),
        says('c', 37_000, '2020-08'),
      ]);
      const outvoted = resolveFact([
        relays('a', 37_000_000, 'tweet'),
        relays('b', 37_000_000, 'tweet'),
        says('c', 37_000, '2020-08'),
        says('d', 37_000_000),
      ]);

      // One origin against one: the more recently published wins the tie.
      expect(tied.value).toBe(37_000);
      expect(outvoted).toMatchObject({ value: 37_000_000, origins: ['d', 'tweet'] });
    });
  });
});
