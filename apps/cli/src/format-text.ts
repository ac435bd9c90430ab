import { Conflict, FilmView } from '@app/domain';
import { FranchiseStateAnswer, TimelineAnswer, ViewCountsExplained } from '@app/queries';

/** `occurredOn  summary  [sourceId]`, one claim a line, under a line naming the franchise and the dates. */
export function timelineAsText(answer: TimelineAnswer): string {
  const lines = [`${answer.franchiseId} timeline${atDates(answer)}`];
  const width = Math.max(0, ...answer.entries.map((e) => e.occurredOn.length));
  for (const entry of answer.entries) {
    lines.push(`${entry.occurredOn.padEnd(width)}  ${entry.summary}  [${entry.sourceId}]`);
  }
  if (answer.entries.length === 0) lines.push('(nothing yet)');
  return `${lines.join('\n')}\n`;
}

/** The films as a table (status, dates, peak views), then the disputed facts. */
export function stateAsText(answer: FranchiseStateAnswer): string {
  const lines = [
    `${answer.franchiseId}${atDates(answer)}`,
    `sequel announced: ${yesNo(answer.sequelAnnounced)}, trilogy confirmed: ${yesNo(answer.trilogyConfirmed)}`,
    '',
  ];
  if (answer.films.length === 0) lines.push('no film yet');
  else
    lines.push(...table(['film', 'title', 'status', 'released', 'scheduled', 'peak views'], answer.films.map(filmRow)));
  lines.push('');
  if (answer.conflicts.length === 0) lines.push('conflicts: none');
  else lines.push('conflicts:', ...answer.conflicts.map((c) => `  ${conflictLine(c)}`));
  if (answer.viewCounts.length > 0)
    lines.push('views over different windows:', ...answer.viewCounts.flatMap((v) => viewCountLines(v)));
  return `${lines.join('\n')}\n`;
}

/** `balle-perdue-1: P28D 37,000 by a; total 37,000,000 by b, c`, then why that is or is not a conflict. */
function viewCountLines(compared: ViewCountsExplained): string[] {
  const counts = compared.counts.map(
    (c) => `${c.window ?? 'total'} ${thousands(c.value)} by ${c.supportedBy.join(', ')}`,
  );
  return [
    `  ${compared.filmId}: ${counts.join('; ')}`,
    `    ${compared.consistent ? 'consistent' : 'inconsistent'}: ${compared.why}`,
  ];
}

function filmRow(film: FilmView): string[] {
  return [
    film.filmId,
    film.title,
    film.status,
    film.releasedOn ?? '-',
    film.scheduledOn ?? '-',
    film.peakViews === null ? '-' : thousands(film.peakViews),
  ];
}

/** `balle-perdue-1 releasedOn: believed 2020-06-19; claimed 2020-06-19 by a, b; 2020-06-26 by c`. */
function conflictLine(conflict: Conflict): string {
  const fact = `${conflict.filmId ?? 'franchise'} ${conflict.field}${conflict.window ? ` (${conflict.window})` : ''}`;
  const claimed = conflict.values.map((v) => `${formatValue(v.value)} by ${v.sourceIds.join(', ')}`).join('; ');
  return `${fact}: believed ${formatValue(conflict.resolved)}; claimed ${claimed}`;
}

function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  return all.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

function atDates({ asOf, knownAt }: { asOf: string | null; knownAt: string | null }): string {
  const parts = [asOf && `as of ${asOf}`, knownAt && `as known at ${knownAt}`].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const formatValue = (value: string | number) => (typeof value === 'number' ? thousands(value) : value);
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
