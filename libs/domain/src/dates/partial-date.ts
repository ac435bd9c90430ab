import { InvalidDateError } from '../errors/domain-errors';

export type DatePrecision = 'year' | 'month' | 'day';

const PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A calendar date known to the year, the month or the day (`2022`, `2022-11`, `2022-11-10`):
 * news articles often give no more than a month. It stands for a range of days,
 * from `earliest` to `latest` (ISO `YYYY-MM-DD` strings, which sort as dates).
 */
export class PartialDate {
  private constructor(
    readonly value: string,
    readonly precision: DatePrecision,
    readonly earliest: string,
    readonly latest: string,
  ) {}

  static parse(text: string, field = 'date'): PartialDate {
    const parsed = PartialDate.tryParse(text);
    if (!parsed) throw new InvalidDateError(field, text);
    return parsed;
  }

  static tryParse(text: unknown): PartialDate | undefined {
    if (typeof text !== 'string') return undefined;
    const match = PATTERN.exec(text);
    if (!match) return undefined;
    const [, y, m, d] = match;
    const year = Number(y);
    if (m === undefined) return new PartialDate(text, 'year', `${y}-01-01`, `${y}-12-31`);
    const month = Number(m);
    if (month < 1 || month > 12) return undefined;
    const lastDay = daysInMonth(year, month);
    if (d === undefined) {
      return new PartialDate(text, 'month', `${y}-${m}-01`, `${y}-${m}-${pad(lastDay)}`);
    }
    const day = Number(d);
    if (day < 1 || day > lastDay) return undefined;
    return new PartialDate(text, 'day', text, text);
  }

  /** True when every day this date may be is also a day `other` may be. */
  within(other: PartialDate): boolean {
    return this.earliest >= other.earliest && this.latest <= other.latest;
  }

  /** Nested dates describe the same day at different precision; disjoint ones disagree. */
  compatibleWith(other: PartialDate): boolean {
    return this.within(other) || other.within(this);
  }

  /** Number of days the date may be: 1 for an exact day. Smaller is more precise. */
  get spanInDays(): number {
    return (Date.parse(this.latest) - Date.parse(this.earliest)) / 86_400_000 + 1;
  }

  toString(): string {
    return this.value;
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
