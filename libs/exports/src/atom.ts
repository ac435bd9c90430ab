import type { NumberedEntry } from '@app/queries';
import { Feed } from 'feed';

/**
 * A franchise's claims as recorded, the last first, as an Atom feed (RFC 4287) for feed readers,
 * written by `feed`. Each entry is one claim (a retraction too), dated when this service recorded
 * it, its id the event's, attributed to its source; `base` is where the service is reached.
 */
export function recordedAtom(
  franchise: { id: string; title: string },
  entries: NumberedEntry[],
  base: string,
  now: Date,
) {
  const self = `${base}/franchises/${encodeURIComponent(franchise.id)}/changes.atom`;
  const feed = new Feed({
    id: self,
    title: `${franchise.title}: claims as recorded`,
    description: `Each claim about ${franchise.title} as this service records it, with the source that made it`,
    link: `${base}/?franchise=${encodeURIComponent(franchise.id)}`,
    feedLinks: { atom: self },
    updated: entries[0] ? new Date(entries[0].recordedAt) : now,
    generator: 'franchise-timeline',
    copyright: 'Each claim is its source’s',
  });
  for (const entry of entries) {
    feed.addItem({
      title: `${entry.summary} (${entry.sourceId})`,
      id: `urn:uuid:${entry.eventId}`,
      link: `${base}/sources/${encodeURIComponent(entry.sourceId)}/claims`,
      date: new Date(entry.recordedAt),
      description:
        `${entry.sourceId} says it happened ${entry.occurredOn} ` +
        `(between ${entry.occurredBetween.earliest} and ${entry.occurredBetween.latest}). ` +
        `Recorded by ${entry.recordedBy}.`,
      author: [{ name: entry.sourceId }],
    });
  }
  return feed.atom1();
}
