/**
 * A length of time as ISO 8601 writes it, in one whole unit: `P28D`, `P6W`, `P1M`, `P2Y`. Counting
 * windows and shoots are given so; zero-length or fractional ones mean nothing here.
 */
export const ISO_DURATION = /^P([1-9]\d*)([DWMY])$/;

/** Whether `value` is such a duration, with a count that is a safe integer. */
export function isDuration(value: unknown): value is string {
  const match = typeof value === 'string' ? ISO_DURATION.exec(value) : null;
  return match !== null && Number.isSafeInteger(Number(match[1]));
}

/**
 * How long such a duration is, in the unit it is counted in: whole days (`D`, `W`) or whole months
 * (`M`, `Y`), so that `P1Y` and `P12M`, or `P1W` and `P7D`, are the same length.
 */
export function durationLength(value: string): { unit: 'days' | 'months'; count: number } {
  const known = lengths.get(value);
  if (known) return known;
  const length = lengthOf(value);
  // Few distinct windows exist, and every state read compares its films' windows pair by pair.
  if (lengths.size < MAX_CACHED) lengths.set(value, length);
  return length;
}

const MAX_CACHED = 1000;
const lengths = new Map<string, { unit: 'days' | 'months'; count: number }>();

function lengthOf(value: string): { unit: 'days' | 'months'; count: number } {
  const match = ISO_DURATION.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  const count = Number(match[1]);
  const factor = { D: 1, W: 7, M: 1, Y: 12 }[match[2] as 'D' | 'W' | 'M' | 'Y'];
  return { unit: match[2] === 'D' || match[2] === 'W' ? 'days' : 'months', count: count * factor };
}

/** The fewest and most days such a duration can last: a month 28 to 31 days, two months 59 to 62, a year 365 or 366. */
export function durationDays(value: string): { fewest: number; most: number } {
  const { unit, count } = durationLength(value);
  return unit === 'days' ? { fewest: count, most: count } : monthsInDays(count);
}

/** Months in a Gregorian 400-year cycle: it has 146,097 days, so a longer span repeats its bounds. */
const CYCLE_MONTHS = 4800;
const CYCLE_DAYS = 146_097;
const monthSpans = new Map<number, { fewest: number; most: number }>();

/** The shortest and longest `months` consecutive months, from the first of each month of a whole cycle. */
function monthsInDays(months: number): { fewest: number; most: number } {
  const cycles = Math.floor(months / CYCLE_MONTHS);
  const rest = months % CYCLE_MONTHS;
  let span = monthSpans.get(rest);
  if (!span) {
    span = { fewest: Infinity, most: 0 };
    for (let start = 0; start < CYCLE_MONTHS; start++) {
      const days = (Date.UTC(2000, start + rest, 1) - Date.UTC(2000, start, 1)) / 86_400_000;
      span = { fewest: Math.min(span.fewest, days), most: Math.max(span.most, days) };
    }
    monthSpans.set(rest, span);
  }
  return { fewest: cycles * CYCLE_DAYS + span.fewest, most: cycles * CYCLE_DAYS + span.most };
}
