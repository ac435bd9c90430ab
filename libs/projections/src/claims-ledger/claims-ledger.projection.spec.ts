import { RECORDED_BY, claim } from '@app/domain/events/timeline-events.fixtures';
import { given, milestone, release } from '../given-events.fixtures';
import { ClaimsLedgerProjection } from './claims-ledger.projection';
import { ClaimsLedgerReadModel } from './claims-ledger.read-model';

const later = claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-06-26' }, 'article-004', {
  recordedAt: '2026-11-23T10:00:00.000Z',
});
const ranking = claim(
  'ChartRankingReached',
  { filmId: 'balle-perdue-1', chart: 'netflix-top-10-films', rank: 1, rankedOn: '2020-06', territory: 'FR' },
  'article-000',
);
const trilogy = claim('TrilogyConfirmed', { confirmedOn: '2022-11' }, 'article-004');
const otherTrilogy = claim('TrilogyConfirmed', { franchiseId: 'tyler-rake', confirmedOn: '2023' }, 'article-004');

describe('ClaimsLedgerProjection', () => {
  const readModel = (...events: Parameters<typeof given>[1][]) =>
    new ClaimsLedgerReadModel(given(new ClaimsLedgerProjection(), ...events));

  it('keeps the source a claim names as its origin, and none for a claim that names none', () => {
    const relayed = claim(
      'ViewershipMilestoneReached',
      { filmId: 'balle-perdue-1', views: 37_000_000, reachedOn: '2020-07', window: 'P1M', basedOn: 'netflix-post' },
      'article-002',
    );
    const ledger = readModel(release, relayed);
    const rows = ledger.facts('balle-perdue').flatMap(({ factId }) => ledger.claimsOfFact('balle-perdue', factId, {}));

    expect(rows.map((r) => [r.sourceId, r.basedOn])).toEqual([
      ['article-000', undefined],
      ['article-002', 'netflix-post'],
    ]);
  });

  it('keeps one row per fact a claim asserts, with its value and how it compares, fact by fact', () => {
    const ledger = readModel(release, milestone, ranking, later);
    const all = ledger.facts('balle-perdue').flatMap(({ factId }) => ledger.claimsOfFact('balle-perdue', factId, {}));

    expect(ledger.facts('balle-perdue')).toEqual([
      {
        factId: 'balle-perdue-1|releasedOn|',
        key: { filmId: 'balle-perdue-1', field: 'releasedOn', window: undefined },
        valueKind: 'date',
      },
      {
        factId: 'balle-perdue-1|views|P28D',
        key: { filmId: 'balle-perdue-1', field: 'views', window: 'P28D' },
        valueKind: 'count',
      },
    ]);
    expect(all).toEqual([
      {
        eventId: release.eventId,
        factId: 'balle-perdue-1|releasedOn|',
        franchiseId: 'balle-perdue',
        key: { filmId: 'balle-perdue-1', field: 'releasedOn', window: undefined },
        value: '2020-06-19',
        valueKind: 'date',
        type: 'FilmReleased',
        occurredOn: '2020-06-19',
        occurred: { earliest: '2020-06-19', latest: '2020-06-19' },
        sourceId: 'article-000',
        sequence: 1,
        recordedAt: '2026-11-22T10:00:00.000Z',
        recordedBy: RECORDED_BY,
      },
      expect.objectContaining({ eventId: later.eventId, value: '2020-06-26', sequence: 4 }),
      expect.objectContaining({
        eventId: milestone.eventId,
        factId: 'balle-perdue-1|views|P28D',
        key: { filmId: 'balle-perdue-1', field: 'views', window: 'P28D' },
        value: 37_000_000,
        valueKind: 'count',
        occurred: { earliest: '2020-07-01', latest: '2020-07-31' },
      }),
    ]);
  });

  it('pre-selects the claims that may have begun by asOf and were recorded before recordedBefore', () => {
    const ledger = readModel(release, milestone, later);
    const ids = (bounds: { asOf?: string; recordedBefore?: string }) =>
      ledger.claimsOfFact('balle-perdue', 'balle-perdue-1|releasedOn|', bounds).map((c) => c.eventId);

    expect(ids({ asOf: '2020-06-30' })).toEqual([release.eventId, later.eventId]);
    expect(ids({ recordedBefore: '2026-11-23T10:00:00.000Z' })).toEqual([release.eventId]);
  });

  it('pages a fact’s claims in recording order, and lists the facts of one film or field', () => {
    const ledger = readModel(release, milestone, later);
    const page = (afterSequence?: number) =>
      ledger
        .claimsOfFact('balle-perdue', 'balle-perdue-1|releasedOn|', {}, { afterSequence, limit: 1 })
        .map((c) => c.eventId);

    expect(page()).toEqual([release.eventId]);
    expect(page(1)).toEqual([later.eventId]);
    expect(page(3)).toEqual([]);
    expect(ledger.facts('balle-perdue', { field: 'views' }).map((f) => f.factId)).toEqual([
      'balle-perdue-1|views|P28D',
    ]);
    expect(ledger.facts('balle-perdue', { filmId: 'balle-perdue-2' })).toEqual([]);
  });

  it('gives a source’s claims, and every claim of the facts named, franchise by franchise', () => {
    const ledger = readModel(release, trilogy, otherTrilogy, later);

    expect(ledger.claimsOfSource('article-004').map((c) => c.eventId)).toEqual([
      trilogy.eventId,
      otherTrilogy.eventId,
      later.eventId,
    ]);
    const facts = ledger.claimsOfFacts([
      { franchiseId: 'balle-perdue', factId: 'balle-perdue-1|releasedOn|' },
      { franchiseId: 'tyler-rake', factId: '|confirmedOn|' },
    ]);
    expect(facts.map((c) => c.eventId)).toEqual([release.eventId, otherTrilogy.eventId, later.eventId]);
  });
});
