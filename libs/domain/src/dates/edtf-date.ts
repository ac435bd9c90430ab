import edtf from 'edtf';
import { InvalidDateError } from '../errors/domain-errors';
import type { DayRange } from './day-range';

/** Stand-ins for an open or unknown end, chosen to sort before or after every real day. */
export const OPEN_START = '0000-01-01';
export const OPEN_END = '9999-12-31';

const DAY_MS = 86_400_000;

/**
 * Dates already read, valid (an EdtfDate, immutable) or not (null). The library's grammar parser
 * costs tens of microseconds a call, and the same few dates come back on every claim compared and
 * every request; emptied when full, so a stream of distinct dates cannot grow it without bound.
 */
const PARSED = new Map<string, EdtfDate | null>();
const PARSED_LIMIT = 10_000;
const FULL_DATES = /(\d{4})-(\d{2})-(\d{2})/g;
/**
 * The common forms, read without the library's grammar (which it builds anew on every call): a
 * year, a month or a day, optionally approximate or uncertain (`~ ? %`, which leave the days as
 * they are); an unspecified month or day (`XX`) or a season (21–24); an interval of two of the
 * first (either end open or unknown). Anything else goes to the library.
 */
const DATE = '(\\d{4})(?:-(0[1-9]|1[0-2])(?:-(\\d{2}))?)?[~?%]?';
const SIMPLE_DATE = new RegExp(`^${DATE}$`);
/** Unspecified digits or a season, unqualified and alone (qualified, or in an interval, they are level 2). */
const UNSPECIFIED = /^(\d{4})-(?:(0[1-9]|1[0-2])-XX|XX|(2[1-4]))$/;
const SIMPLE_INTERVAL = new RegExp(`^(?:${DATE}|(\\.\\.)?)/(?:${DATE}|(\\.\\.)?)$`);

/**
 * A date as uncertain as the source that gave it, written in the Extended Date/Time Format
 * (EDTF, ISO 8601-2) levels 0 and 1: `2022`, `2022-11`, `2022-11-10`, approximate `2022~`,
 * uncertain `2020-07?`, unspecified digits `2022-XX`, seasons `2022-24`, intervals
 * `2021-09/2022-03`, open (`2021-09/..`) or unknown (`2021/`) ends.
 *
 * It stands for the days from `earliest` to `latest` (ISO `YYYY-MM-DD`, which sort as dates).
 * Approximation and uncertainty stay in `value` for readers; the range is what the string
 * bounds, as the `edtf` library reads it.
 */
export class EdtfDate {
  private constructor(
    readonly value: string,
    readonly earliest: string,
    readonly latest: string,
  ) {}

  static parse(text: string, field = 'date'): EdtfDate {
    const parsed = EdtfDate.tryParse(text);
    if (!parsed) throw new InvalidDateError(field, text);
    return parsed;
  }

  static tryParse(text: unknown): EdtfDate | undefined {
    if (typeof text !== 'string' || text.length > 64 || text.includes('T')) return undefined;
    const known = PARSED.get(text);
    if (known !== undefined) return known ?? undefined;
    if (PARSED.size >= PARSED_LIMIT) PARSED.clear();
    const parsed = EdtfDate.read(text);
    PARSED.set(text, parsed ?? null);
    return parsed;
  }

  private static read(text: string): EdtfDate | undefined {
    const simple = simpleDays(text);
    if (simple !== 'other') return simple && new EdtfDate(text, simple.earliest, simple.latest);
    // The library rolls 2021-02-29 over to 1 March: a date that does not exist is refused here.
    for (const [, y, m, d] of text.matchAll(FULL_DATES)) {
      if (!isCalendarDay(Number(y), Number(m), Number(d))) return undefined;
    }
    let parsed: ReturnType<typeof edtf>;
    try {
      parsed = edtf(text, { level: 1 });
    } catch {
      return undefined;
    }
    if (!['Date', 'Season', 'Interval'].includes(parsed.type)) return undefined;
    const earliest = toDay(parsed.min, OPEN_START);
    const latest = toDay(parsed.max, OPEN_END);
    if (!earliest || !latest || earliest > latest) return undefined;
    return new EdtfDate(text, earliest, latest);
  }

  /** True when every day this date may be is also a day `other` may be. */
  within(other: EdtfDate): boolean {
    return this.earliest >= other.earliest && this.latest <= other.latest;
  }

  /** Nested dates describe the same day at different precision; disjoint ones disagree. */
  compatibleWith(other: EdtfDate): boolean {
    return this.within(other) || other.within(this);
  }

  /** True when both ends are known days, neither open nor unknown. */
  get bounded(): boolean {
    return this.earliest !== OPEN_START && this.latest !== OPEN_END;
  }

  /** The days it may be, as answers give them. */
  get days(): DayRange {
    return { earliest: this.earliest, latest: this.latest };
  }

  /** Number of days the date may be: 1 for an exact day. Smaller is more precise. */
  get spanInDays(): number {
    return (Date.parse(this.latest) - Date.parse(this.earliest)) / DAY_MS + 1;
  }

  toString(): string {
    return this.value;
  }
}

/** Epoch ms to `YYYY-MM-DD`; an open (±Infinity) or unknown (null) end to its stand-in; years 0–9999 only. */
function toDay(ms: number | null, open: string): string | undefined {
  if (ms === null || ms === Infinity || ms === -Infinity) return open;
  if (!Number.isFinite(ms)) return undefined;
  const day = new Date(ms).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : undefined;
}

type Days = { earliest: string; latest: string };

/** The days a date of a `SIMPLE` form spans, as the library reads them; undefined when invalid; `other` for other forms. */
function simpleDays(text: string): Days | undefined | 'other' {
  const date = SIMPLE_DATE.exec(text);
  if (date) return daysOf(date.slice(1, 4));
  const unspecified = UNSPECIFIED.exec(text);
  if (unspecified) {
    const [, year, month, season] = unspecified;
    return season === undefined ? daysOf([year, month]) : seasonDays(year, Number(season));
  }
  const interval = SIMPLE_INTERVAL.exec(text);
  if (!interval) return 'other';
  const [from, to] = [interval.slice(1, 4), interval.slice(5, 8)];
  // Both ends unknown or open ("/", "../..") is not an interval the library accepts.
  if (from[0] === undefined && to[0] === undefined) return 'other';
  const start = from[0] === undefined ? { earliest: OPEN_START, latest: OPEN_START } : daysOf(from);
  const end = to[0] === undefined ? { earliest: OPEN_END, latest: OPEN_END } : daysOf(to);
  // As the library has it, an interval ends where it may end later than it starts.
  if (!start || !end || start.earliest >= end.earliest) return undefined;
  return { earliest: start.earliest, latest: end.latest };
}

/** A year, a month of it, or a day of that month. */
function daysOf([year, month, day]: (string | undefined)[]): Days | undefined {
  if (month === undefined) return { earliest: `${year}-01-01`, latest: `${year}-12-31` };
  if (day === undefined)
    return { earliest: `${year}-${month}-01`, latest: `${year}-${month}-${daysIn(Number(year), Number(month))}` };
  if (!isCalendarDay(Number(year), Number(month), Number(day))) return undefined;
  return { earliest: `${year}-${month}-${day}`, latest: `${year}-${month}-${day}` };
}

/** Seasons 21–24, as the library reads them: the quarters of the year. */
function seasonDays(year: string, season: number): Days {
  const first = (season - 21) * 3 + 1;
  return {
    earliest: `${year}-${pad(first)}-01`,
    latest: `${year}-${pad(first + 2)}-${daysIn(Number(year), first + 2)}`,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12) return true; // not a plain month: seasons and the like, checked by the parser
  return day >= 1 && day <= daysIn(year, month);
}

/** Days in the month, in the proleptic Gregorian calendar (Date.UTC would read years 0–99 as 1900–1999). */
function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}
