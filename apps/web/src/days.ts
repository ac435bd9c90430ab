/**
 * Days as the API gives them (ISO `YYYY-MM-DD`, in UTC), as numbers for the sliders, and in words.
 * Dates with a time zone would move a day at midnight: everything here is UTC.
 */
export interface DayRange {
  earliest: string;
  latest: string;
}

const DAY_MS = 86_400_000;
/** The API's stand-ins for an open end (`2021-09/..`). */
export const OPEN_START = '0000-01-01';
export const OPEN_END = '9999-12-31';

export function isDay(text: string | null | undefined): text is string {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const days = dayNumber(text);
  return Number.isFinite(days) && dayString(days) === text;
}

/** Days since 1970-01-01. */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

export function dayString(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function dayDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

const LONG = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
const MONTH = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** `19 June 2020`. */
export function formatDay(day: string): string {
  return LONG.format(dayDate(day));
}

/** A range of days in words: one day, a whole month or year, or from one day to another. */
export function formatRange({ earliest, latest }: DayRange): string {
  if (earliest === latest) return formatDay(earliest);
  if (earliest === OPEN_START) return `until ${formatDay(latest)}`;
  if (latest === OPEN_END) return `from ${formatDay(earliest)}`;
  const [ey, em, ed] = earliest.split('-');
  const [ly, lm] = latest.split('-');
  const endsAMonth = dayString(dayNumber(latest) + 1).endsWith('-01');
  if (ed === '01' && endsAMonth) {
    if (ey === ly && em === lm) return MONTH.format(dayDate(earliest));
    if (ey === ly && em === '01' && lm === '12') return ey;
    return `${MONTH.format(dayDate(earliest))} to ${MONTH.format(dayDate(latest))}`;
  }
  return `${formatDay(earliest)} to ${formatDay(latest)}`;
}

export function isExact({ earliest, latest }: DayRange): boolean {
  return earliest === latest;
}

/** `2020-06-19`, `2020-06` or `2020` in words; undefined for any other EDTF (approximate, intervals…). */
export function plainDateWords(edtf: string): string | undefined {
  if (isDay(edtf)) return formatDay(edtf);
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(edtf)) return MONTH.format(dayDate(`${edtf}-01`));
  if (/^\d{4}$/.test(edtf)) return edtf;
  return undefined;
}

/**
 * An EDTF date in words, as far as its parts are plain (`2020~`: about 2020; `2020-09/2022-12`:
 * September 2020 to December 2022); any other form as it was given.
 */
export function edtfWords(edtf: string): string {
  const interval = edtf.split('/');
  if (interval.length === 2) {
    const [from, to] = interval.map((end) => (end === '..' || end === '' ? undefined : edtfWords(end)));
    if (from && to) return `${from} to ${to}`;
    return from ? `from ${from}` : to ? `until ${to}` : edtf;
  }
  const qualifier = edtf.match(/^(.*?)([~?%])$/);
  const plain = plainDateWords(qualifier ? qualifier[1] : edtf);
  if (!plain) return edtf;
  if (!qualifier) return plain;
  return qualifier[2] === '~'
    ? `about ${plain}`
    : qualifier[2] === '?'
      ? `${plain} (uncertain)`
      : `about ${plain} (uncertain)`;
}

/** Words for a date and, when they are not plain, the EDTF too: `19 June 2020`, `about 2020 (2020~)`. */
export function dateWithEdtf(edtf: string): string {
  const words = edtfWords(edtf);
  return plainDateWords(edtf) || words === edtf ? words : `${words} (${edtf})`;
}

/** A counting window (ISO 8601 duration of one unit: `P28D`, `P1M`) in words. */
export function windowWords(window: string): string {
  const match = window.match(/^P(\d+)([DWMY])$/);
  if (!match) return window;
  const count = Number(match[1]);
  const unit = { D: 'day', W: 'week', M: 'month', Y: 'year' }[match[2] as 'D' | 'W' | 'M' | 'Y'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
