import ICAL from 'ical.js';
import { releaseCalendarIcs } from './icalendar';

const answer = {
  franchiseId: 'balle-perdue',
  title: 'Balle perdue',
  policy: 'majority' as const,
  releases: [
    {
      filmId: 'balle-perdue-2',
      title: 'Balle perdue 2',
      status: 'scheduled' as const,
      on: '2022-10/2022-12',
      between: { earliest: '2022-10-01', latest: '2022-12-31' },
      supportedBy: ['article-004'],
      revision: 2,
      changedAt: '2026-11-20T10:00:00.000Z',
    },
    {
      filmId: 'balle-perdue-1',
      title: 'Balle perdue',
      status: 'released' as const,
      on: '2020-06-19',
      between: { earliest: '2020-06-19', latest: '2020-06-19' },
      supportedBy: ['article-000', 'article-001'],
      revision: 0,
      changedAt: '2026-11-19T10:00:00.000Z',
    },
  ],
};

function events(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  return calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      status: vevent.getFirstPropertyValue('status'),
      sequence: event.sequence,
      summary: event.summary,
    };
  });
}

describe('the release calendar as iCalendar', () => {
  it('gives an uncertain date as a tentative all-day span, an exact day as a confirmed day, each with its revisions', () => {
    expect(events(releaseCalendarIcs(answer))).toEqual([
      {
        uid: 'balle-perdue-2.release@balle-perdue.franchise-timeline',
        start: '2022-10-01',
        end: '2023-01-01',
        allDay: true,
        status: 'TENTATIVE',
        sequence: 2,
        summary: 'Balle perdue 2: release planned',
      },
      {
        uid: 'balle-perdue-1.release@balle-perdue.franchise-timeline',
        start: '2020-06-19',
        end: '2020-06-20',
        allDay: true,
        status: 'CONFIRMED',
        sequence: 0,
        summary: 'Balle perdue: released',
      },
    ]);
  });

  it('writes the same days whatever the server’s time zone', () => {
    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati';
      const far = events(releaseCalendarIcs(answer));
      process.env.TZ = 'Pacific/Pago_Pago';
      const behind = events(releaseCalendarIcs(answer));
      expect(far.map((e) => [e.start, e.end])).toEqual(behind.map((e) => [e.start, e.end]));
      expect(far[1].start).toBe('2020-06-19');
    } finally {
      process.env.TZ = zone;
    }
  });
});
