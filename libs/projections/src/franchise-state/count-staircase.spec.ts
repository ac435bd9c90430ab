import fc from 'fast-check';
import { openReadModelDatabase } from '../read-model.database';
import { CountStaircase } from './count-staircase';

const DAYS = ['2020-06-01', '2020-06-30', '2020-07-01', '2020-07-15', '2020-07-31', '2020-08-31'];

describe('CountStaircase', () => {
  const readings = fc.array(fc.tuple(fc.constantFrom(...DAYS), fc.integer({ min: 1, max: 9 })), { maxLength: 40 });

  it.each([
    ['before', 'the highest count on or before', (day: string, at: string) => at <= day, Math.max],
    ['after', 'the lowest count on or after', (day: string, at: string) => at >= day, Math.min],
  ] as const)('answers (%s) %s each day, as a walk over every reading does', (toward, _, onSide, best) => {
    fc.assert(
      fc.property(readings, (taken) => {
        const db = openReadModelDatabase(':memory:');
        const staircase = new CountStaircase('steps', toward);
        db.exec(staircase.schema());
        for (const [day, count] of taken) staircase.add(db, 'f', 's', day, count);

        for (const day of DAYS) {
          const counts = taken.filter(([at]) => onSide(day, at)).map(([, count]) => count);
          expect(staircase.bound(db, 'f', 's', day)).toBe(counts.length === 0 ? undefined : best(...counts));
        }
        db.close();
      }),
    );
  });

  it('keeps only the steps no other reading beats, and one series apart from another', () => {
    const db = openReadModelDatabase(':memory:');
    const highest = new CountStaircase('steps', 'before');
    db.exec(highest.schema());
    highest.add(db, 'f', 's', '2020-07-31', 5);
    highest.add(db, 'f', 's', '2020-08-31', 4);
    highest.add(db, 'f', 's', '2020-06-30', 7);
    highest.add(db, 'f', 'other', '2020-06-01', 100);

    expect(db.prepare("SELECT day, reading FROM steps WHERE series = 's'").all()).toEqual([
      { day: '2020-06-30', reading: 7 },
    ]);
    expect(highest.bound(db, 'f', 's', '2020-06-15')).toBeUndefined();
  });
});
