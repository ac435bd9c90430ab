import { ClaimEvent, ISO_DURATION } from '@app/domain';

// One formatter for every count: `toLocaleString` builds a new one on each call, tens of µs each.
const GROUPED = new Intl.NumberFormat('en-US');

/** A count with its digits grouped: `37,000,000`. */
export const count = (n: number) => GROUPED.format(n);

/**
 * One line in plain English for a timeline entry; `title` is the film's best-known title, or for
 * a retraction the summary of the claim it retracts.
 */
export function summarize(claim: ClaimEvent, title: string): string {
  switch (claim.type) {
    case 'FilmReleased':
      return `${title} released${claim.data.platform ? ` on ${claim.data.platform}` : ''}`;
    case 'ReleaseScheduled':
      return `${title} scheduled for release on ${claim.data.scheduledFor}${claim.data.platform ? ` on ${claim.data.platform}` : ''}`;
    case 'ViewershipMilestoneReached':
      return `${title} passed ${count(claim.data.views)} views${claim.data.window ? ` within ${describeDuration(claim.data.window)}` : ''}`;
    case 'SequelAnnounced':
      return `${title} announced`;
    case 'TrilogyConfirmed':
      return 'Trilogy confirmed';
    case 'ProductionGreenlit':
      return `${title} greenlit${claim.data.by ? ` by ${claim.data.by}` : ''}`;
    case 'ProductionWrapped': {
      const lasted = claim.data.shootingDuration;
      return `Shooting of ${title} wrapped${lasted ? ` after ${describeDuration(lasted)}` : ''}`;
    }
    case 'ChartRankingReached': {
      const { rank, chart, territory, territoryCount, weeks } = claim.data;
      const place = rank === 1 ? 'number one' : `in the top ${rank}`;
      const where = territory ? ` in ${territory}` : territoryCount ? ` in ${territoryCount} countries` : '';
      const span = weeks ? ` for ${weeks} week${weeks > 1 ? 's' : ''}` : '';
      return `${title} ${place} of ${chart}${where}${span}`;
    }
    case 'ClaimRetracted':
      return `Claim retracted (${claim.data.reason}): ${title}`;
  }
}

/** `P28D` → "28 days", `P1M` → "1 month"; anything else as written. */
export function describeDuration(duration: string): string {
  const match = ISO_DURATION.exec(duration);
  if (!match) return duration;
  const unit = { D: 'day', W: 'week', M: 'month', Y: 'year' }[match[2] as 'D' | 'W' | 'M' | 'Y'];
  return `${match[1]} ${unit}${match[1] === '1' ? '' : 's'}`;
}
