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
