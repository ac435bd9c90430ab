import { RECORDED_AT, franchiseCreated, sourceRegistered } from '@app/domain/events/timeline-events.fixtures';
import { given, milestone, release } from '../given-events.fixtures';
import { FranchiseStateProjection } from './franchise-state.projection';
import { FranchiseStateReadModel } from './franchise-state.read-model';

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

  it('keeps every claim whole, read back as the event recorded, with its days and recording', () => {
    const franchises = readModel(created, release, milestone);

    expect(franchises.claims('balle-perdue', {})).toEqual([
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
      franchises.claims('balle-perdue', bounds).map((c) => c.eventId);

    expect(ids({ asOf: '2020-07-01' })).toEqual([release.eventId, milestone.eventId]);
    expect(ids({ asOf: '2020-06-30' })).toEqual([release.eventId]);
    expect(ids({ recordedBefore: '2026-11-23T10:00:00.000Z' })).toEqual([release.eventId]);
    expect(franchises.claims('tyler-rake', {})).toEqual([]);
  });
});
