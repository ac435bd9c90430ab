import edtf from 'edtf';
import fc from 'fast-check';
import { EdtfDate, OPEN_END, OPEN_START } from './edtf-date';

describe('EdtfDate', () => {
  it.each([
    ['2022', '2022-01-01', '2022-12-31'],
    ['2020-02', '2020-02-01', '2020-02-29'],
    ['2021-02', '2021-02-01', '2021-02-28'],
    ['2022-11-10', '2022-11-10', '2022-11-10'],
    ['2022~', '2022-01-01', '2022-12-31'],
    ['2020-07?', '2020-07-01', '2020-07-31'],
    ['2020-06-19%', '2020-06-19', '2020-06-19'],
    ['2022-XX', '2022-01-01', '2022-12-31'],
    ['2020-07-XX', '2020-07-01', '2020-07-31'],
    ['202X', '2020-01-01', '2029-12-31'],
    ['2022-24', '2022-10-01', '2022-12-31'],
    ['2021-09/2022-03', '2021-09-01', '2022-03-31'],
    ['2021-09~/2022-03?', '2021-09-01', '2022-03-31'],
    ['2021-09/..', '2021-09-01', OPEN_END],
    ['../2022-10', OPEN_START, '2022-10-31'],
    ['2021/', '2021-01-01', OPEN_END],
    ['/2021', OPEN_START, '2021-12-31'],
  ])('reads %s as the days %s to %s', (text, earliest, latest) => {
    const date = EdtfDate.parse(text);
    expect([date.value, date.earliest, date.latest]).toEqual([text, earliest, latest]);
  });

  it.each([
    '2020-02-30',
    '2021-02-29',
    '2021-02-29/2021-03',
    '2020-13',
    '2020-00',
    '20',
    '2020-6-1',
    '2020-06-01T00:00:00Z',
    '%2021',
    '2022?~',
    '{2020,2021}',
    '2022/2021',
    'Y170000002',
    '',
    'soon',
  ])('refuses %j, naming the field', (text) => {
    expect(EdtfDate.tryParse(text)).toBeUndefined();
    expect(() => EdtfDate.parse(text, 'releasedOn')).toThrow(/releasedOn/);
  });

  it('accepts the 29th of February in a leap year only', () => {
    expect(EdtfDate.parse('2020-02-29').latest).toBe('2020-02-29');
    expect(EdtfDate.tryParse('2100-02-29')).toBeUndefined();
    expect(EdtfDate.parse('2000-02-29').earliest).toBe('2000-02-29');
  });

  it('treats nested dates as compatible and disjoint ones as not', () => {
    const year = EdtfDate.parse('2022');
    expect(EdtfDate.parse('2022-11-10').compatibleWith(year)).toBe(true);
    expect(year.compatibleWith(EdtfDate.parse('2022-11'))).toBe(true);
    expect(EdtfDate.parse('2022-10/2022-12').compatibleWith(EdtfDate.parse('2022-11-10'))).toBe(true);
    expect(EdtfDate.parse('2020-06-19').compatibleWith(EdtfDate.parse('2020-06-26'))).toBe(false);
  });

  it('measures precision as the number of days a date may be', () => {
    expect(EdtfDate.parse('2020-06-19').spanInDays).toBe(1);
    expect(EdtfDate.parse('2020-06').spanInDays).toBe(30);
    expect(EdtfDate.parse('2020').spanInDays).toBe(366);
  });

  it('reads each text once: the same text gives back the same date, and a bad one stays refused', () => {
    expect(EdtfDate.parse('2021-09/2022-03')).toBe(EdtfDate.parse('2021-09/2022-03'));
    expect(EdtfDate.tryParse('2021-02-29')).toBeUndefined();
    expect(EdtfDate.tryParse('2021-02-29')).toBeUndefined();
  });
});

describe('plain years, months and days', () => {
  /** The days the edtf library gives a date, or undefined where it refuses it or rolls it over to another day. */
  function libraryDays(text: string): { earliest: string; latest: string } | undefined {
    try {
      const parsed = edtf(text, { level: 1 });
      const day = (ms: number | null) => new Date(ms ?? NaN).toISOString().slice(0, 10);
      if (!['Date', 'Season', 'Interval'].includes(parsed.type)) return undefined;
      const end = (ms: number | null, open: string) => (ms === null || !Number.isFinite(ms) ? open : day(ms));
      const days = { earliest: end(parsed.min, OPEN_START), latest: end(parsed.max, OPEN_END) };
      // The library rolls a day the month lacks over to the next month: refused.
      const rolled = [...text.matchAll(/(\d{4}-\d{2}-\d{2})/g)].some(
        ([d]) => day(Date.parse(d)) !== d || Number.isNaN(Date.parse(d)),
      );
      return rolled || days.earliest > days.latest ? undefined : days;
    } catch {
      return undefined;
    }
  }

  it('are read as the library reads them, without it, qualified, unspecified, seasons and intervals too', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const year = fc.integer({ min: 1000, max: 9999 }).map((y) => pad(y, 4));
    const month = fc.integer({ min: 0, max: 13 }).map((m) => pad(m, 2));
    const day = fc.integer({ min: 0, max: 32 }).map((d) => pad(d, 2));
    const date = fc
      .tuple(
        year,
        fc.oneof(
          fc.constant(''),
          month.map((m) => `-${m}`),
          fc.tuple(month, day).map(([m, d]) => `-${m}-${d}`),
          month.map((m) => `-${m}-XX`),
          fc.constant('-XX'),
          fc.integer({ min: 20, max: 25 }).map((season) => `-${season}`),
        ),
        fc.constantFrom('', '', '~', '?', '%'),
      )
      .map((parts) => parts.join(''));
    const end = fc.oneof(date, date, fc.constantFrom('..', ''));
    const text = fc.oneof(
      date,
      date,
      fc.tuple(end, end).map(([from, to]) => `${from}/${to}`),
    );
    fc.assert(
      fc.property(text, (given) => {
        const ours = EdtfDate.tryParse(given);
        expect([given, ours && { earliest: ours.earliest, latest: ours.latest }]).toEqual([given, libraryDays(given)]);
      }),
      { numRuns: 5000 },
    );
  });

  it('know the leap years of the Gregorian calendar', () => {
    expect(EdtfDate.tryParse('2000-02-29')?.latest).toBe('2000-02-29');
    expect(EdtfDate.tryParse('1900-02-29')).toBeUndefined();
    expect(EdtfDate.tryParse('1900-02')?.latest).toBe('1900-02-28');
    expect(EdtfDate.tryParse('2024-02')?.latest).toBe('2024-02-29');
  });
});
