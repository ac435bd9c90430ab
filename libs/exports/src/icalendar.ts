import type { ReleaseCalendarAnswer } from '@app/queries';
import ical, { ICalEventStatus, escape } from 'ical-generator';

const DAY_MS = 86_400_000;

/**
 * A franchise's releases as an iCalendar feed (RFC 5545) for calendar apps, written by
 * ical-generator. Each film is one all-day event, the same UID forever, whose SEQUENCE counts the
 * changes of the date believed: an exact day is CONFIRMED, an uncertain date (`2022-10/2022-12`) a
 * TENTATIVE span from its first day to its last.
 */
export function releaseCalendarIcs(answer: ReleaseCalendarAnswer): string {
  const calendar = ical({
    // ical-generator escapes the events' text, but writes NAME, X-WR-CALNAME and X-WR-CALDESC as given.
    name: escape(text(`${answer.title}: releases`), false),
    description: escape(
      text(`Release dates of the films of ${answer.title}, as believed under the ${answer.policy} policy`),
      false,
    ),
    prodId: { company: 'franchise-timeline', product: 'releases', language: 'EN' },
  });
  for (const release of answer.releases) {
    const exact = release.between.earliest === release.between.latest;
    const sources = release.supportedBy.join(', ');
    calendar.createEvent({
      id: `${release.filmId}.release@${answer.franchiseId}.franchise-timeline`,
      allDay: true,
      start: utcDay(release.between.earliest),
      // An all-day event ends on the day after its last (DTEND is exclusive).
      end: new Date(utcDay(release.between.latest).getTime() + DAY_MS),
      summary: text(`${release.title}: ${release.status === 'released' ? 'released' : 'release planned'}`),
      description:
        `${release.status === 'released' ? 'Released' : 'Planned for'} ${release.on}` +
        `${exact ? '' : ' (an uncertain date: the event spans every day it may be)'}` +
        `${sources ? `, according to ${sources}` : ''}.`,
      status: exact ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
      sequence: release.revision,
      // Without a METHOD, RFC 5545 has DTSTAMP stand for the last revision, like LAST-MODIFIED.
      stamp: new Date(release.changedAt),
      lastModified: new Date(release.changedAt),
    });
  }
  return calendar.toString();
}

/**
 * A text as RFC 5545 TEXT can hold it: no control character but tab, so the others become U+FFFD (a line
 * break stays, for `escape` to write as `\n`: CR LF, CR and LF all read back as one LF).
 */
function text(value: string): string {
  return value.replace(/[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/g, '\uFFFD');
}

function utcDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
