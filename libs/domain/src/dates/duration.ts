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

/** The fewest and most days such a duration can last: a month is 28 to 31 days, a year 365 or 366. */
export function durationDays(value: string): { fewest: number; most: number } {
  const match = ISO_DURATION.exec(value);
  if (!match) throw new Error(`not a duration: ${value}`);
  const count = Number(match[1]);
  const [fewest, most] = { D: [1, 1], W: [7, 7], M: [28, 31], Y: [365, 366] }[match[2] as 'D' | 'W' | 'M' | 'Y'];
  return { fewest: count * fewest, most: count * most };
}
