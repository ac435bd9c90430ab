import { AtDate, RESOLUTION_POLICIES, ResolutionPolicy } from '@app/domain';
import { claim, franchiseCreated, sourceRegistered } from '@app/domain/events/timeline-events.fixtures';
import { FranchiseStateReadModel, SourceCatalogReadModel, StateClaim, WithdrawalsReadModel } from '@app/projections';
import { FranchiseStateProjection } from '@app/projections/franchise-state/franchise-state.projection';
import { SourceCatalogProjection } from '@app/projections/source-catalog/source-catalog.projection';
import { WithdrawalsProjection } from '@app/projections/withdrawals/withdrawals.projection';
import { given } from '@app/projections/given-events.fixtures';
import fc from 'fast-check';
import { ClaimsAtDate } from '../claims-at-date';
import { StateCandidates } from '../state-candidates';
import { GetFranchiseStateHandler } from './get-franchise-state.handler';
import { GetFranchiseStateQuery } from './get-franchise-state.query';

const SOURCES = [
  ['article-a', '2020-07'],
  ['article-b', '2020-08-15'],
  ['article-c', '2020-10'],
  ['article-d', '2021'],
] as const;

/** Every claim kept, whatever the point: what the state was folded from before readings were kept apart. */
class EveryCandidate extends StateCandidates {
  constructor(private readonly all: FranchiseStateReadModel) {
    super(all, undefined as never);
  }

  override at(franchiseId: string): StateClaim[] {
    return [
      ...this.all.factClaims(franchiseId, {}),
      ...this.all.contestedReadings(franchiseId, {}),
      ...this.all
        .series(franchiseId)
        .flatMap(({ series }) => this.all.readingsLatestFirst(franchiseId, series, {}, Number.MAX_SAFE_INTEGER)),
    ];
  }
}

describe('GetFranchiseStateHandler', () => {
  const day = fc
    .integer({ min: 0, max: 120 })
    .map((d) => new Date(Date.UTC(2020, 5, 20 + d)).toISOString().slice(0, 10));
  const month = fc.constantFrom('2020-06', '2020-07', '2020-08', '2020-09', '2020');
  const readings = fc.array(
    fc.record({
      millions: fc.integer({ min: 1, max: 8 }),
      at: fc.oneof(day, day, month),
      source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
      retracted: fc.integer({ min: 0, max: 6 }).map((roll) => roll === 0),
    }),
    { maxLength: 40 },
  );
  const point = fc.record(
    {
      asOf: fc.oneof(day, month),
      knownAt: fc.constantFrom('2020-07', '2020-08-20', '2020-12', '2021'),
      mode: fc.constantFrom('certain' as const, 'possible' as const),
    },
    { requiredKeys: ['mode'] },
  );

  it('answers from the readings it selects exactly what it answers from every reading', async () => {
    await fc.assert(
      fc.asyncProperty(
        readings,
        point,
        fc.constantFrom<ResolutionPolicy>(...RESOLUTION_POLICIES),
        async (given_, at: AtDate, policy) => {
          const events = [
            franchiseCreated('balle-perdue', 'Balle perdue', []),
            ...SOURCES.map(([id, publishedOn]) => sourceRegistered(id, publishedOn)),
            claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-06-19' }, 'article-a'),
            ...given_.flatMap(({ millions, at: reachedOn, source, retracted }) => {
              const reading = claim(
                'ViewershipMilestoneReached',
                { filmId: 'balle-perdue-1', views: millions * 1_000_000, reachedOn },
                SOURCES[source][0],
              );
              // Withdrawn by the last source, which only later points know of.
              const retraction = claim(
                'ClaimRetracted',
                { retractedEventId: reading.eventId, reason: 'miscounted', retractedOn: '2021' },
                'article-d',
              );
              return retracted ? [reading, retraction] : [reading];
            }),
          ];
          const db = given(
            [new SourceCatalogProjection(), new FranchiseStateProjection(), new WithdrawalsProjection()],
            ...events,
          );
          const franchises = new FranchiseStateReadModel(db);
          const claimsAt = new ClaimsAtDate(new SourceCatalogReadModel(db), new WithdrawalsReadModel(db));
          const selecting = new GetFranchiseStateHandler(
            franchises,
            claimsAt,
            new StateCandidates(franchises, claimsAt),
          );
          const folding = new GetFranchiseStateHandler(franchises, claimsAt, new EveryCandidate(franchises));
          const query = new GetFranchiseStateQuery('balle-perdue', at, policy);

          expect(await selecting.execute(query)).toEqual(await folding.execute(query));
          db.close();
        },
      ),
      { numRuns: 150 },
    );
  });
});
