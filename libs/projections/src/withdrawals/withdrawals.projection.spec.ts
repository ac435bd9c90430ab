import { claim } from '@app/domain/events/timeline-events.fixtures';
import { given } from '../given-events.fixtures';
import { WithdrawalsProjection } from './withdrawals.projection';
import { WithdrawalsReadModel } from './withdrawals.read-model';

const release = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-06-26' }, 'article-000');
const correction = claim(
  'FilmReleased',
  { filmId: 'balle-perdue-1', releasedOn: '2020-06-19', supersedes: release.eventId },
  'article-001',
  { recordedAt: '2026-11-22T10:00:00.000Z' },
);
const milestone = claim(
  'ViewershipMilestoneReached',
  { filmId: 'balle-perdue-1', views: 37_000_000, reachedOn: '2020-07' },
  'article-000',
);
const retraction = claim(
  'ClaimRetracted',
  { retractedEventId: milestone.eventId, reason: 'misread', retractedOn: '2020-09' },
  'article-002',
  { recordedAt: '2026-11-23T10:00:00.000Z' },
);

describe('WithdrawalsProjection', () => {
  const readModel = (...events: Parameters<typeof given>[1][]) =>
    new WithdrawalsReadModel(given(new WithdrawalsProjection(), ...events));

  it('keeps each retraction (with the days it was made on) and each correction with the claim it withdraws, in recording order', () => {
    const withdrawals = readModel(release, milestone, correction, retraction);

    expect(withdrawals.ofFranchise('balle-perdue', {})).toEqual([
      {
        eventId: correction.eventId,
        withdrawnEventId: release.eventId,
        kind: 'superseded',
        sourceId: 'article-001',
        recordedAt: '2026-11-22T10:00:00.000Z',
      },
      {
        eventId: retraction.eventId,
        withdrawnEventId: milestone.eventId,
        kind: 'retracted',
        sourceId: 'article-002',
        recordedAt: '2026-11-23T10:00:00.000Z',
        known: { earliest: '2020-09-01', latest: '2020-09-30' },
      },
    ]);
    expect(withdrawals.ofFranchise('tyler-rake', {})).toEqual([]);
  });

  it('pre-selects the withdrawals recorded before recordedBefore', () => {
    const withdrawals = readModel(release, milestone, correction, retraction);

    expect(
      withdrawals.ofFranchise('balle-perdue', { recordedBefore: '2026-11-23T10:00:00.000Z' }).map((w) => w.kind),
    ).toEqual(['superseded']);
  });
});
