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
  return dayString(dayNumber(text)) === text;
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
