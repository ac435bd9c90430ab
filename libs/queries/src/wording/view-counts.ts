import { ViewCountsCompared } from '@app/domain';
import { count, describeDuration } from './summarize';

/**
 * Why a film's counts over different windows are, or are not, a conflict, in words a reader of the
 * state can quote.
 */
export function explainViewCounts(compared: ViewCountsCompared): string {
  const over = (window: string) => {
    const found = compared.counts.find((c) => c.window === window)!;
    return `the count over ${describeDuration(window)} (${count(found.value)})`;
  };
  if (compared.contradiction) {
    const { shorter, longer } = compared.contradiction;
    const first = over(shorter);
    return (
      `${first[0].toUpperCase()}${first.slice(1)} is higher than ${over(longer)}, a window at least as long: ` +
      'views only grow, so one of them is wrong.'
    );
  }
  const windows = compared.counts.map((c) => (c.window ? describeDuration(c.window) : 'a total reached by a date'));
  return [
    `Counts over different windows (${windows.join(', ')}) are different figures, not rival values: views only ` +
      'grow, so a count over a shorter window may be lower than one over a longer window, never higher, and none here is.',
    compared.unordered &&
      `${describeDuration(compared.unordered[0])} and ${describeDuration(compared.unordered[1])} are not compared: either may be the longer.`,
    compared.counts.some((c) => c.window === null) &&
      'A total reached by a date is not checked against the windows’ counts: the state compares the values believed, not the dates they were reached.',
  ]
    .filter(Boolean)
    .join(' ');
}
