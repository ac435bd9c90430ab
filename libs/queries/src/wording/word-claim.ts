import { ClaimEvent, filmIdOf, titleOf } from '@app/domain';
import { summarize } from './summarize';

/**
 * A claim's film and its line in plain English, with the film titles known under the dates
 * asked (see `filmTitles`), so no answer names a film by a title not yet known then. A retraction
 * is shown with the film and the wording of the claim it retracts.
 */
export function wordClaim(
  claim: ClaimEvent,
  retracted: ClaimEvent | undefined,
  titles: Map<string, string>,
): { filmId?: string; summary: string } {
  if (claim.type === 'ClaimRetracted') {
    const quoted = retracted && wordClaim(retracted, undefined, titles);
    const subject = quoted ? `“${quoted.summary}”` : claim.data.retractedEventId;
    return { ...(quoted?.filmId ? { filmId: quoted.filmId } : {}), summary: summarize(claim, subject) };
  }
  const filmId = filmIdOf(claim);
  return filmId ? { filmId, summary: summarize(claim, titleOf(titles, filmId)) } : { summary: summarize(claim, '') };
}
