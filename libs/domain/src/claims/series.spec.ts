import fc from 'fast-check';
import { resolveFact } from './resolve-fact';
import { SeriesPoint, contradicts, disputes, resolveSeries } from './series';
import { ResolutionPolicy, Testimony } from './testimony';
import { testimonies } from './testimony.fixtures';

const made = testimonies();

/** `sourceId`, published on `publishedOn`, says the film had reached `views` by `at`. */
function reading(sourceId: string, views: number, at: string, publishedOn = '2022-12', rank = 0): Testimony {
  return made.make({ value: views, valueKind: 'reading', at }, sourceId, publishedOn, rank);
}

beforeEach(() => made.reset());

describe('contradicts', () => {
  const point = (value: number, at: string) => ({ value, at });

  it('lets a count grow between dates', () => {
    expect(contradicts(point(20_000_000, '2020-06-28'), point(37_000_000, '2020-07'))).toBe(false);
  });

  it('refuses a lower count certainly taken after a higher one', () => {
    expect(contradicts(point(37_000_000, '2020-07'), point(20_000_000, '2020-08-02'))).toBe(true);
  });

  it('refuses two different counts for the same day', () => {
    expect(contradicts(point(37_000_000, '2020-07-10'), point(36_000_000, '2020-07-10'))).toBe(true);
  });

  it('lets a lower count stand when its date may come before the higher one', () => {
    expect(contradicts(point(37_000_000, '2020-07-10'), point(20_000_000, '2020-07'))).toBe(false);
    expect(contradicts(point(37_000_000, '2020-07'), point(20_000_000, '2020-07'))).toBe(false);
  });

  it('never sets a count against itself', () => {
    expect(contradicts(point(37_000_000, '2020-07'), point(37_000_000, '2021'))).toBe(false);
  });
});

describe('disputes', () => {
  /** The disputes by comparing every pair, as sets of indexes. */
  const pairwise = (points: SeriesPoint[]): Set<number>[] => {
    const groups = points.map((_, i) => new Set([i]));
    points.forEach((a, i) =>
      points.forEach((b, j) => {
        if (i >= j || !contradicts(a, b) || groups[i] === groups[j]) return;
        const merged = new Set([...groups[i], ...groups[j]]);
        merged.forEach((k) => (groups[k] = merged));
      }),
    );
    return [...new Set(groups)];
  };
  const indexes = (points: SeriesPoint[], groups: SeriesPoint[][]) =>
    groups.map((group) => new Set(group.map((point) => points.indexOf(point))));

  it('links two readings through a third that contradicts both, and leaves a consistent one alone', () => {
    const points = [
      { value: 30, at: '2020-07-01' },
      { value: 20, at: '2020-07-10' },
      { value: 25, at: '2020-07-20' },
      { value: 40, at: '2020-08' },
    ];

    expect(indexes(points, disputes(points))).toEqual([new Set([0, 1, 2]), new Set([3])]);
  });

  it('groups exactly as comparing every pair does', () => {
    const at = fc.oneof(
      fc.integer({ min: 1, max: 28 }).map((d) => `2020-07-${String(d).padStart(2, '0')}`),
      fc.integer({ min: 6, max: 9 }).map((m) => `2020-${String(m).padStart(2, '0')}`),
      fc.constant('2020'),
    );
    const points = fc.array(fc.record({ value: fc.integer({ min: 1, max: 8 }), at }), { maxLength: 40 });
    fc.assert(
      fc.property(points, (given) => {
        const sorted = (groups: Set<number>[]) => groups.map((g) => [...g].sort((a, b) => a - b)).sort();
        expect(sorted(indexes(given, disputes(given)))).toEqual(sorted(pairwise(given)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('resolveSeries', () => {
  it('makes one undisputed fact of a growing series, believing its highest count', () => {
    const series = Array.from({ length: 164 }, (_, i) =>
      reading(
        `article-${i % 5}`,
        1_000_000 * (i + 1),
        `2020-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      ),
    );

    const resolved = resolveSeries(series, 'majority');

    expect(resolved.value).toBe(164_000_000);
    expect(resolved.disputed).toBe(false);
    expect(resolved.decidedBy).toEqual(['event-164']);
    expect(resolved.values).toEqual([
      {
        value: 164_000_000,
        sourceIds: ['article-3'],
        origins: ['article-3'],
        eventIds: ['event-164'],
        at: ['2020-06-24'],
      },
    ]);
    expect(resolved.rejected).toEqual([]);
  });

  it('lists only the readings that contradict each other, and lets the majority reject the odd one', () => {
    const resolved = resolveSeries(
      [
        reading('a', 10_000_000, '2020-06-25'),
        reading('b', 40_000_000, '2020-07'),
        reading('c', 20_000_000, '2020-08-05'),
        reading('d', 25_000_000, '2020-08-20'),
        reading('e', 50_000_000, '2020-09'),
      ],
      'majority',
    );

    // b (40M in July) is above c and d, certainly taken later: c and d back each other.
    expect(resolved.disputed).toBe(true);
    expect(resolved.rejected).toEqual(['event-2']);
    expect(resolved.value).toBe(50_000_000);
    expect(resolved.values.map((v) => v.value)).toEqual([50_000_000, 40_000_000, 20_000_000, 25_000_000]);
    expect(resolved.values[1]).toEqual({
      value: 40_000_000,
      sourceIds: ['b'],
      origins: ['b'],
      eventIds: ['event-2'],
      at: ['2020-07'],
    });
  });

  it('believes the highest count kept, which need not be the last reading', () => {
    const resolved = resolveSeries(
      [reading('a', 30_000_000, '2020-07'), reading('b', 20_000_000, '2020-07-15')],
      'majority',
    );

    expect(resolved.disputed).toBe(false);
    expect(resolved.value).toBe(30_000_000);
    expect(resolved.decidedBy).toEqual(['event-1']);
  });

  it.each<[ResolutionPolicy, string[]]>([
    ['latest', ['event-2']],
    ['earliest', ['event-1']],
    ['trusted', ['event-2']],
  ])('under %s, rejects %j of a lower count published later by a trusted source', (policy, rejected) => {
    const resolved = resolveSeries(
      [
        reading('low', 20_000_000, '2020-08-05', '2020-08-10', 10),
        reading('high', 40_000_000, '2020-07', '2020-08-01', 0),
      ],
      policy,
    );

    expect(resolved.rejected).toEqual(rejected);
  });

  it('is what resolveFact gives for readings', () => {
    const readings = [reading('a', 40_000_000, '2020-07'), reading('b', 20_000_000, '2020-08-05')];

    expect(resolveFact(readings, 'latest')).toEqual(resolveSeries(readings, 'latest'));
  });

  it('finds exactly the readings a pairwise comparison finds, and keeps none that contradict each other', () => {
    const day = fc.integer({ min: 1, max: 28 }).map((d) => `2020-07-${String(d).padStart(2, '0')}`);
    const month = fc.integer({ min: 6, max: 9 }).map((m) => `2020-${String(m).padStart(2, '0')}`);
    const readings = fc.array(
      fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 1, max: 6 }), fc.oneof(day, month)),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(
        readings,
        fc.constantFrom<ResolutionPolicy>('majority', 'latest', 'earliest', 'trusted'),
        (given, policy) => {
          made.reset();
          const testimonies = given.map(([source, millions, at]) => reading(source, millions * 1_000_000, at));
          const resolved = resolveSeries(testimonies, policy);

          const pairwise = testimonies.filter((t) => testimonies.some((o) => contradicts(t.claim, o.claim)));
          const listed = resolved.values.flatMap((v) => v.eventIds);
          expect(pairwise.every((t) => listed.includes(t.eventId))).toBe(true);
          expect(resolved.disputed).toBe(pairwise.length > 0);

          const believed = testimonies.filter((t) => !resolved.rejected!.includes(t.eventId));
          expect(believed.some((t) => believed.some((o) => contradicts(t.claim, o.claim)))).toBe(false);
          expect(resolved.value).toBe(Math.max(...believed.map((t) => Number(t.claim.value))));
        },
      ),
    );
  });
});
