import { contradicts } from '@app/domain';
import { RECORDED_AT, claim, franchiseCreated, sourceRegistered } from '@app/domain/events/timeline-events.fixtures';
import fc from 'fast-check';
import { given, milestone, release } from '../given-events.fixtures';
import { FranchiseStateProjection } from './franchise-state.projection';
import { FranchiseStateReadModel, franchiseKey } from './franchise-state.read-model';

const created = franchiseCreated('balle-perdue', 'Balle perdue', ['Lost Bullet']);
describe('FranchiseStateProjection', () => {
  const readModel = (...events: Parameters<typeof given>[1][]) =>
    new FranchiseStateReadModel(given(new FranchiseStateProjection(), ...events));

  it('keeps each franchise with the revision of its stream’s last event', () => {
    const franchises = readModel(created, sourceRegistered('article-000', '2020-08'), release, milestone);

    expect(franchises.find('balle-perdue')).toEqual({
      id: 'balle-perdue',
      title: 'Balle perdue',
      aliases: ['Lost Bullet'],
      revision: 4,
      createdAt: RECORDED_AT,
    });
    expect(franchises.list().map((f) => f.id)).toEqual(['balle-perdue']);
    expect(franchises.find('tyler-rake')).toBeUndefined();
  });

  it('lists the franchises by id, a page at a time after the last one given', () => {
    const franchises = readModel(
      created,
      franchiseCreated('tyler-rake', 'Tyler Rake'),
      franchiseCreated('aftermath', 'A'),
    );

    expect(franchises.list().map((f) => f.id)).toEqual(['aftermath', 'balle-perdue', 'tyler-rake']);
    const [first] = franchises.list({ limit: 1 });
    expect(first.id).toBe('aftermath');
    expect(franchises.list({ after: franchiseKey(first), limit: 1 }).map((f) => f.id)).toEqual(['balle-perdue']);
    expect(franchises.list({ after: ['balle-perdue'] }).map((f) => f.id)).toEqual(['tyler-rake']);
    expect(franchises.list({ after: franchiseKey(franchises.list()[2]) })).toEqual([]);
  });

  it('keeps every claim of a fact whole, read back as the event recorded, with its days and recording', () => {
    const franchises = readModel(created, release, milestone);

    expect(franchises.factClaims('balle-perdue', {})).toEqual([
      {
        eventId: release.eventId,
        claim: release,
        sequence: 2,
        occurred: { earliest: '2020-06-19', latest: '2020-06-19' },
        sourceId: 'article-000',
        recordedAt: '2026-11-22T10:00:00.000Z',
      },
      {
        eventId: milestone.eventId,
        claim: milestone,
        sequence: 3,
        occurred: { earliest: '2020-07-01', latest: '2020-07-31' },
        sourceId: 'article-000',
        recordedAt: '2026-11-23T10:00:00.000Z',
      },
    ]);
  });

  it('pre-selects the claims that may have begun by asOf and were recorded before recordedBefore', () => {
    const franchises = readModel(created, release, milestone);
    const ids = (bounds: { asOf?: string; recordedBefore?: string }) =>
      franchises.factClaims('balle-perdue', bounds).map((c) => c.eventId);

    expect(ids({ asOf: '2020-07-01' })).toEqual([release.eventId, milestone.eventId]);
    expect(ids({ asOf: '2020-06-30' })).toEqual([release.eventId]);
    expect(ids({ recordedBefore: '2026-11-23T10:00:00.000Z' })).toEqual([release.eventId]);
    expect(franchises.factClaims('tyler-rake', {})).toEqual([]);
  });

  describe('readings of a series', () => {
    const reading = (views: number, reachedOn: string, sourceId = 'article-001') =>
      claim('ViewershipMilestoneReached', { filmId: 'balle-perdue-1', views, reachedOn }, sourceId);
    const ranking = claim(
      'ChartRankingReached',
      { filmId: 'balle-perdue-1', chart: 'netflix-top-10', rank: 1, rankedOn: '2020-06-21' },
      'article-001',
    );
    const series = 'balle-perdue-1|views|';
    const ids = (claims: { eventId: string }[]) => claims.map((c) => c.eventId);

    it('keeps readings apart from the claims of facts, and no chart ranking', () => {
      const r = reading(20_000_000, '2020-06-28');
      const franchises = readModel(created, release, milestone, r, ranking);

      expect(ids(franchises.factClaims('balle-perdue', {}))).toEqual([release.eventId, milestone.eventId]);
      expect(ids(franchises.readingsLatestFirst('balle-perdue', series, {}, 10))).toEqual([r.eventId]);
      expect(franchises.series('balle-perdue')).toEqual([{ series, widestSpanDays: 1 }]);
    });

    it('finds the readings that give their film’s title, within the bounds', () => {
      const named = claim(
        'ViewershipMilestoneReached',
        { filmId: 'balle-perdue-1', title: 'Lost Bullet', views: 30_000_000, reachedOn: '2020-07' },
        'article-001',
      );
      const franchises = readModel(created, release, reading(20_000_000, '2020-06-28'), named);

      expect(ids(franchises.titledReadings('balle-perdue', {}))).toEqual([named.eventId]);
      expect(ids(franchises.titledReadings('balle-perdue', { recordedBefore: '2020-01-01T00:00:00Z' }))).toEqual([]);
    });

    it('marks contested only the readings that contradict another, on either side', () => {
      const early = reading(20_000_000, '2020-06-28');
      const high = reading(40_000_000, '2020-07');
      const low = reading(30_000_000, '2020-08-05');
      const later = reading(50_000_000, '2020-09');
      const franchises = readModel(created, early, low, later, high);

      expect(ids(franchises.contestedReadings('balle-perdue', {}))).toEqual([low.eventId, high.eventId]);
      expect(franchises.series('balle-perdue')).toEqual([{ series, widestSpanDays: 31 }]);
    });

    it('pages the uncontested readings, the latest to begin first, and finds them by day or by count', () => {
      const days = ['2020-06-30', '2020-07-01', '2020-07', '2020-07-15', '2020-08-01'];
      const readings = days.map((day, i) => reading(1_000_000 * (i + 1), day, `article-00${i}`));
      const franchises = readModel(created, ...readings);
      const first = franchises.readingsLatestFirst('balle-perdue', series, {}, 2);
      const second = franchises.readingsLatestFirst('balle-perdue', series, {}, 2, first[1]);

      expect(ids([...first, ...second])).toEqual(ids([readings[4], readings[3], readings[2], readings[1]]));
      expect(ids(franchises.readingsLatestFirst('balle-perdue', series, { asOf: '2020-07-02' }, 10))).toEqual(
        ids([readings[2], readings[1], readings[0]]),
      );
      expect(ids(franchises.readingsBeganAfter('balle-perdue', series, {}, '2020-07-01'))).toEqual(
        ids(readings.slice(3)),
      );
      expect(ids(franchises.readingsOf('balle-perdue', series, {}, 2_000_000))).toEqual([readings[1].eventId]);
    });

    it('marks a reading contested exactly when the domain finds it contradicts another', () => {
      const day = fc.integer({ min: 1, max: 20 }).map((d) => `2020-07-${String(d).padStart(2, '0')}`);
      const month = fc.constantFrom('2020-06', '2020-07', '2020-08');
      const given = fc.array(fc.tuple(fc.integer({ min: 1, max: 8 }), fc.oneof(day, month)), { maxLength: 30 });
      fc.assert(
        fc.property(given, (points) => {
          const readings = points.map(([millions, at], i) => reading(millions * 1_000_000, at, `article-${i}`));
          const franchises = readModel(created, ...readings);
          const point = (r: (typeof readings)[number]) => ({ value: r.data.views, at: r.data.reachedOn });
          const expected = readings.filter((r) => readings.some((o) => contradicts(point(r), point(o))));

          expect(ids(franchises.contestedReadings('balle-perdue', {}))).toEqual(ids(expected));
        }),
      );
    });
  });
});
