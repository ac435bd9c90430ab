import { dateWithEdtf, dayNumber, dayString, edtfWords, formatRange, isDay, plainDateWords, windowWords } from './days';

describe('days', () => {
  it('turns days into numbers and back', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayString(dayNumber('2020-06-19'))).toBe('2020-06-19');
    expect(dayNumber('2020-03-01') - dayNumber('2020-02-28')).toBe(2);
  });

  it('accepts only real calendar days', () => {
    expect(isDay('2020-06-19')).toBe(true);
    expect(isDay('2020-02-30')).toBe(false);
    expect(isDay('2020-13-45')).toBe(false);
    expect(isDay('2020-06')).toBe(false);
    expect(isDay(null)).toBe(false);
  });

  it.each([
    [{ earliest: '2020-06-19', latest: '2020-06-19' }, '19 June 2020'],
    [{ earliest: '2020-07-01', latest: '2020-07-31' }, 'July 2020'],
    [{ earliest: '2020-02-01', latest: '2020-02-29' }, 'February 2020'],
    [{ earliest: '2020-01-01', latest: '2020-12-31' }, '2020'],
    [{ earliest: '2022-10-01', latest: '2022-12-31' }, 'October 2022 to December 2022'],
    [{ earliest: '2022-10-01', latest: '2022-11-09' }, '1 October 2022 to 9 November 2022'],
    [{ earliest: '2021-09-01', latest: '9999-12-31' }, 'from 1 September 2021'],
  ])('puts %j in words as %s', (range, words) => {
    expect(formatRange(range)).toBe(words);
  });

  it.each([
    ['2020-06-19', '19 June 2020'],
    ['2020-07', 'July 2020'],
    ['2020', '2020'],
    ['2020~', undefined],
    ['2022-10/2022-12', undefined],
  ])('puts the plain date %s in words (%s), and leaves the rest as given', (edtf, words) => {
    expect(plainDateWords(edtf)).toBe(words);
  });

  it.each([
    ['2020~', 'about 2020'],
    ['2020?', '2020 (uncertain)'],
    ['2020-07%', 'about July 2020 (uncertain)'],
    ['2020-09/2022-12', 'September 2020 to December 2022'],
    ['2021-09/..', 'from September 2021'],
    ['../2021-09-01', 'until 1 September 2021'],
    ['2022-XX', '2022-XX'],
    ['2022-24', '2022-24'],
  ])('puts the EDTF %s in words as %s', (edtf, words) => {
    expect(edtfWords(edtf)).toBe(words);
  });

  it('gives the EDTF beside the words only when the date is not plain', () => {
    expect(dateWithEdtf('2020-06-19')).toBe('19 June 2020');
    expect(dateWithEdtf('2020~')).toBe('about 2020 (2020~)');
    expect(dateWithEdtf('2022-XX')).toBe('2022-XX');
  });

  it.each([
    ['P28D', '28 days'],
    ['P1M', '1 month'],
    ['P1Y2M', 'P1Y2M'],
  ])('puts the window %s in words as %s', (window, words) => {
    expect(windowWords(window)).toBe(words);
  });
});
