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
    title: text(`${franchise.title}: claims as recorded`),
    description: text(`Each claim about ${franchise.title} as this service records it, with the source that made it`),
    link: `${base}/?franchise=${encodeURIComponent(franchise.id)}`,
    feedLinks: { atom: self },
    updated: entries[0] ? new Date(entries[0].recordedAt) : now,
    generator: 'franchise-timeline',
    copyright: 'Each claim is its source’s',
  });
  for (const entry of entries) {
    feed.addItem({
      title: html(`${entry.summary} (${entry.sourceId})`),
      id: `urn:uuid:${entry.eventId}`,
      link: `${base}/sources/${encodeURIComponent(entry.sourceId)}/claims`,
      date: new Date(entry.recordedAt),
      description: html(
        `${entry.sourceId} says it happened ${entry.occurredOn} ` +
          `(between ${entry.occurredBetween.earliest} and ${entry.occurredBetween.latest}). ` +
          `Recorded by ${entry.recordedBy}.`,
      ),
      author: [{ name: entry.sourceId }],
    });
  }
  return feed.atom1();
}

/** A text as XML holds it: XML reads a raw CR as LF, and has no C0 control but tab and LF at all (U+FFFD then). */
function xmlText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '\uFFFD');
}

/** For `feed`'s text elements: xml-js turns `&amp;` back into `&` before escaping, so each `&` is escaped once for it to undo. */
function text(value: string): string {
  return xmlText(value).replace(/&/g, '&amp;');
}

/**
 * For what `feed` declares `type="html"` (entry titles and summaries, in CDATA): HTML-escaped, a reader shows the
 * text rather than render it as markup, and no `]]>` is left to end the CDATA section early.
 */
function html(value: string): string {
  return xmlText(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
