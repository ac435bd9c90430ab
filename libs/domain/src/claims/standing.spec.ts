import { FactValue } from './fact';
import { agree, backs, resolveFact } from './resolve-fact';
import { ResolutionPolicy, Testimony } from './testimony';
import { firstClaimant, standingOf } from './standing';
import { testimonies } from './testimony.fixtures';

const made = testimonies();

function says(sourceId: string, value: FactValue, publishedOn: string, rank = 0): Testimony {
  return made.make({ value, valueKind: typeof value === 'number' ? 'count' : 'date' }, sourceId, publishedOn, rank);
}

beforeEach(() => made.reset());

describe('fact comparisons', () => {
  it('backs a value with itself, or with a coarser date containing it, never the reverse', () => {
    const date = (value: string) => ({ value, valueKind: 'date' as const });
    expect(backs(date('2020-06-19'), '2020-06-19')).toBe(true);
    expect(backs(date('2020'), '2020-06-19')).toBe(true);
    expect(backs(date('2020-06-19'), '2020')).toBe(false);
    expect(backs(date('2020-06-26'), '2020-06-19')).toBe(false);
    expect(backs({ value: 37_000_000, valueKind: 'count' }, 37_000_000)).toBe(true);
    expect(backs({ value: 37_000_000, valueKind: 'count' }, 37_412_000)).toBe(false);
  });

  it('lets two values agree when both can be true: nested dates either way, equal counts', () => {
    const date = (value: string) => ({ value, valueKind: 'date' as const });
    const count = (value: number) => ({ value, valueKind: 'count' as const });
    expect(agree(date('2020'), date('2020-06-19'))).toBe(true);
    expect(agree(date('2020-06-19'), date('2020'))).toBe(true);
    expect(agree(date('2020-06-19'), date('2020-06-26'))).toBe(false);
    expect(agree(count(37_000_000), count(37_412_000))).toBe(false);
  });

  it('lets two readings of a series agree unless the lower was certainly taken no earlier than the higher', () => {
    const reading = (value: number, at: string) => ({ value, valueKind: 'reading' as const, at });
    expect(agree(reading(20_000_000, '2020-07'), reading(37_000_000, '2020-08'))).toBe(true);
    expect(agree(reading(37_000_000, '2020-07-10'), reading(20_000_000, '2020-07'))).toBe(true);
    expect(agree(reading(37_000_000, '2020-07'), reading(20_000_000, '2020-08'))).toBe(false);
    expect(agree(reading(37_000_000, '2020-07-10'), reading(20_000_000, '2020-07-10'))).toBe(false);
  });
});

describe('standingOf', () => {
  /**
   * A precise date, a coarser `2020` containing it, and a disjoint date published last; the
   * precise date's source is ranked highest. `2020` is never what a policy decides by, so it
   * stands with the believed value only when it backs it.
   */
  const claims = () => ({
    precise: says('article-a', '2020-06-19', '2020-07', 50),
    coarse: says('article-b', '2020', '2020-08', 10),
    disjoint: says('article-c', '2020-06-26', '2022-10', 10),
  });
  const standings = (policy: ResolutionPolicy) => {
    const all = claims();
    const resolution = resolveFact(Object.values(all), policy);
    const standing = (t: Testimony) => standingOf({ eventId: t.eventId, ...t.claim }, resolution);
    return {
      believed: resolution.value,
      precise: standing(all.precise),
      coarse: standing(all.coarse),
      disjoint: standing(all.disjoint),
    };
  };

  it.each<[ResolutionPolicy, string]>([
    ['earliest', 'the first published'],
    ['trusted', 'the highest-ranked'],
  ])('under %s: %s 2020-06-19 is believed, 2020 backs it and stands accepted, 2020-06-26 is outvoted', (policy) => {
    expect(standings(policy)).toEqual({
      believed: '2020-06-19',
      precise: 'accepted',
      coarse: 'accepted',
      disjoint: 'outvoted',
    });
  });

  it('under latest: the last published 2020-06-26 wins, 2020 contains it too, 2020-06-19 is outvoted', () => {
    expect(standings('latest')).toEqual({
      believed: '2020-06-26',
      precise: 'outvoted',
      coarse: 'accepted',
      disjoint: 'accepted',
    });
  });

  it('keeps the withdrawal of a withdrawn claim, whatever the resolution', () => {
    const { precise } = claims();
    const resolution = resolveFact([precise]);
    expect(standingOf({ eventId: precise.eventId, ...precise.claim, withdrawal: 'retracted' }, resolution)).toBe(
      'retracted',
    );
    expect(standingOf({ eventId: precise.eventId, ...precise.claim, withdrawal: 'superseded' }, undefined)).toBe(
      'superseded',
    );
  });

  it('is outvoted when every claim of the fact was withdrawn', () => {
    const { precise } = claims();
    expect(standingOf({ eventId: precise.eventId, ...precise.claim }, undefined)).toBe('outvoted');
  });
});

describe('firstClaimant', () => {
  it('is the source of the believed value published first, not a source of another value', () => {
    const early = says('article-early', '2020-06-26', '2020-06');
    const first = says('article-first', '2020-06-19', '2020-07');
    const second = says('article-second', '2020-06-19', '2020-08');
    expect(firstClaimant([early, second, first], resolveFact([early, first, second])).sourceId).toBe('article-first');
  });

  it('orders uncertain publication dates as the policies do: by the last possible day, then the first', () => {
    // Spans September 2020 to December 2022: possibly earlier, but certainly published only after the other.
    const wide = says('article-wide', '2020-06-19', '2020-09/2022-12');
    const narrow = says('article-narrow', '2020-06-19', '2022-10/2022-11-09');
    const sameEnd = says('article-same-end', '2020-06-19', '2022-11-01/2022-11-09');
    const resolution = resolveFact([wide, narrow, sameEnd]);
    expect(firstClaimant([wide, narrow, sameEnd], resolution).sourceId).toBe('article-narrow');
  });

  it('breaks a tie on publication by recording order', () => {
    const recordedFirst = says('article-1', '2020-06-19', '2020-07');
    const recordedSecond = says('article-2', '2020-06-19', '2020-07');
    expect(firstClaimant([recordedSecond, recordedFirst], resolveFact([recordedFirst, recordedSecond])).sourceId).toBe(
      'article-1',
    );
  });
});
