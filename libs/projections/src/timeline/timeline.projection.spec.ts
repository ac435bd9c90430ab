import { claim, sourceRegistered } from '@app/domain/events/timeline-events.fixtures';
import { given, milestone, release } from '../given-events.fixtures';
import { TimelineProjection } from './timeline.projection';
import { TimelineReadModel, timelineKey } from './timeline.read-model';

const june = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-06' }, 'article-001');
const retraction = claim(
  'ClaimRetracted',
  { retractedEventId: milestone.eventId, reason: 'misread', retractedOn: '2020-09' },
  'article-001',
);
const otherFranchise = claim(
  'FilmReleased',
  { franchiseId: 'tyler-rake', filmId: 'tyler-rake-1', releasedOn: '2020-04-24' },
  'article-001',
);

describe('TimelineProjection', () => {
  const readModel = (...events: Parameters<typeof given>[1][]) =>
    new TimelineReadModel(given(new TimelineProjection(), ...events));

  it('keeps one entry per claim, the claim whole, in the order things happened: first possible day, then last', () => {
    const timeline = readModel(sourceRegistered('article-000', '2020-08'), milestone, june, release);

    expect(timeline.entries('balle-perdue', {})).toEqual([
      expect.objectContaining({
        eventId: june.eventId,
        sequence: 3,
        occurred: { earliest: '2020-06-01', latest: '2020-06-30' },
      }),
      {
        eventId: release.eventId,
        claim: release,
        franchiseId: 'balle-perdue',
        sequence: 4,
        occurred: { earliest: '2020-06-19', latest: '2020-06-19' },
        sourceId: 'article-000',
        recordedAt: '2026-11-22T10:00:00.000Z',
      },
      expect.objectContaining({ eventId: milestone.eventId, claim: milestone, sequence: 2 }),
    ]);
  });

  it('puts a vague date before what it may precede, and ties in recording order', () => {
    const vague = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020~' }, 'article-001');
    const again = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-06-19' }, 'article-001');
    const timeline = readModel(release, vague, again);

    expect(timeline.entries('balle-perdue', {}).map((e) => e.eventId)).toEqual([
      vague.eventId,
      release.eventId,
      again.eventId,
    ]);
  });

  it('gives a retraction with the claim it retracts', () => {
    const timeline = readModel(milestone, retraction);

    const [, entry] = timeline.entries('balle-perdue', {});
    expect(entry).toMatchObject({ eventId: retraction.eventId, claim: retraction, retracted: milestone });
  });

  it('pre-selects the entries that may have begun by asOf and were recorded before recordedBefore', () => {
    const timeline = readModel(release, milestone);
    const ids = (bounds: { asOf?: string; recordedBefore?: string }) =>
      timeline.entries('balle-perdue', bounds).map((e) => e.eventId);

    expect(ids({ asOf: '2020-07-01' })).toEqual([release.eventId, milestone.eventId]);
    expect(ids({ asOf: '2020-06-30' })).toEqual([release.eventId]);
    expect(ids({ recordedBefore: '2026-11-23T00:00:00.000Z' })).toEqual([release.eventId]);
  });

  it('gives a franchise’s last entries recorded, the last first, as many as asked', () => {
    const timeline = readModel(release, milestone, otherFranchise, june);

    expect(timeline.lastRecorded('balle-perdue', 2).map((e) => e.eventId)).toEqual([june.eventId, milestone.eventId]);
  });

  it('gives every entry of a source, across franchises, in recording order', () => {
    const timeline = readModel(release, milestone, otherFranchise, retraction);

    expect(timeline.entriesOfSource('article-001').map((e) => e.eventId)).toEqual([
      otherFranchise.eventId,
      retraction.eventId,
    ]);
  });

  it('gives a franchise’s entries recorded after a number, in recording order, as many as asked, and its last number', () => {
    const timeline = readModel(sourceRegistered('article-000', '2020-08'), milestone, otherFranchise, june, release);

    const after = (sequence: number, limit = 10) =>
      timeline.recordedAfter('balle-perdue', sequence, limit).map((e) => e.eventId);
    expect(after(-1)).toEqual([milestone.eventId, june.eventId, release.eventId]);
    expect(after(2)).toEqual([june.eventId, release.eventId]);
    expect(after(2, 1)).toEqual([june.eventId]);
    expect(after(5)).toEqual([]);
    expect(timeline.lastSequence('balle-perdue')).toBe(5);
    expect(timeline.lastSequence('tyler-rake')).toBe(3);
    expect(timeline.lastSequence('nothing-yet')).toBe(-1);
  });

  it('reads the entries after a place in the timeline’s order, as many as asked', () => {
    const timeline = readModel(sourceRegistered('article-000', '2020-08'), milestone, june, release);
    const [first, second, third] = timeline.entries('balle-perdue', {});

    const after = (place: typeof first, limit?: number) =>
      timeline.entries('balle-perdue', {}, { after: timelineKey(place), limit }).map((e) => e.eventId);
    expect(after(first)).toEqual([second.eventId, third.eventId]);
    expect(after(first, 1)).toEqual([second.eventId]);
    expect(after(third)).toEqual([]);
  });

  it('gives the entries that title a film, of the franchises named, within the bounds', () => {
    const titled = claim(
      'FilmReleased',
      { filmId: 'balle-perdue-1', title: 'Balle perdue', releasedOn: '2020-06-19' },
      'article-000',
    );
    const timeline = readModel(release, titled, otherFranchise);

    expect(timeline.titling(['balle-perdue', 'tyler-rake'], {}).map((e) => e.eventId)).toEqual([titled.eventId]);
    expect(timeline.titling(['tyler-rake'], {})).toEqual([]);
  });
});
