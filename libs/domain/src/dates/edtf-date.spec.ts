import { EdtfDate } from './edtf-date';

describe('EdtfDate', () => {
  it.each([
    ['2022', 'year', '2022-01-01', '2022-12-31'],
    ['2020-02', 'month', '2020-02-01', '2020-02-29'],
    ['2021-02', 'month', '2021-02-01', '2021-02-28'],
    ['2022-11-10', 'day', '2022-11-10', '2022-11-10'],
  ])('reads %s as a %s spanning %s to %s', (text, precision, earliest, latest) => {
    const date = EdtfDate.parse(text);
    expect([date.precision, date.earliest, date.latest]).toEqual([precision, earliest, latest]);
  });

  it.each(['2020-02-30', '2021-02-29', '2020-13', '2020-00', '20', '2020-6-1', '2020-06-01T00:00:00Z', ''])(
    'refuses %j',
    (text) => {
      expect(EdtfDate.tryParse(text)).toBeUndefined();
      expect(() => EdtfDate.parse(text, 'releasedOn')).toThrow(/releasedOn/);
    },
  );

  it('accepts the 29th of February in a leap year', () => {
    expect(EdtfDate.parse('2020-02-29').latest).toBe('2020-02-29');
  });

  it('treats nested dates as compatible and disjoint ones as not', () => {
    const year = EdtfDate.parse('2022');
    expect(EdtfDate.parse('2022-11-10').compatibleWith(year)).toBe(true);
    expect(year.compatibleWith(EdtfDate.parse('2022-11'))).toBe(true);
    expect(EdtfDate.parse('2020-06-19').compatibleWith(EdtfDate.parse('2020-06-26'))).toBe(false);
  });

  it('measures precision as the number of days a date may be', () => {
    expect(EdtfDate.parse('2020-06-19').spanInDays).toBe(1);
    expect(EdtfDate.parse('2020-06').spanInDays).toBe(30);
    expect(EdtfDate.parse('2020').spanInDays).toBe(366);
  });
});
