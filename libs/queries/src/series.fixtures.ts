/** Test helpers: a franchise with a random series of view counts, in read models, and what reads of it compare with. */
import { AtDate, RESOLUTION_POLICIES, ResolutionPolicy, TimelineEvent, factKeyId, factsOf } from '@app/domain';
import { claim, franchiseCreated, sourceRegistered } from '@app/domain/events/timeline-events.fixtures';
import {
  ClaimsLedgerReadModel,
  FranchiseStateReadModel,
  SourceCatalogReadModel,
  StateClaim,
  WithdrawalsReadModel,
} from '@app/projections';
import { ClaimsLedgerProjection } from '@app/projections/claims-ledger/claims-ledger.projection';
import { FranchiseStateProjection } from '@app/projections/franchise-state/franchise-state.projection';
import { given } from '@app/projections/given-events.fixtures';
import { SourceCatalogProjection } from '@app/projections/source-catalog/source-catalog.projection';
import { WithdrawalsProjection } from '@app/projections/withdrawals/withdrawals.projection';
import fc from 'fast-check';
import { ClaimsAtDate, Judgement } from './claims-at-date';
import { StateCandidates } from './state-candidates';

const SOURCES = [
  ['article-a', '2020-07'],
  ['article-b', '2020-08-15'],
  ['article-c', '2020-10'],
  ['article-d', '2021'],
] as const;

const day = fc.integer({ min: 0, max: 120 }).map((d) => new Date(Date.UTC(2020, 5, 20 + d)).toISOString().slice(0, 10));
const month = fc.constantFrom('2020-06', '2020-07', '2020-08', '2020-09', '2020', '2020-07/..', '2019/2021');

/**
 * Readings of the first film's views: counts from a narrow range (so plateaus of the highest are
 * common), days and coarser dates, some retracted by the last source, which only later points know of.
 */
export interface Reading {
  millions: number;
  at: string;
  source: number;
  retracted: boolean;
  /** The film's title, which a reading may give (the release here gives none). */
  title?: string;
}

export const seriesReadings: fc.Arbitrary<Reading[]> = fc.array(
  fc.record({
    millions: fc.integer({ min: 1, max: 8 }),
    at: fc.oneof(day, day, month),
    source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
    retracted: fc.integer({ min: 0, max: 6 }).map((roll) => roll === 0),
    title: fc.option(fc.constantFrom('Balle perdue', 'Lost Bullet'), { freq: 4, nil: undefined }),
  }),
  { maxLength: 40 },
);

export const askedPoints: fc.Arbitrary<AtDate> = fc.record(
  {
    asOf: fc.oneof(day, month),
    knownAt: fc.constantFrom('2020-07', '2020-08-20', '2020-12', '2021'),
    mode: fc.constantFrom('certain' as const, 'possible' as const),
  },
  { requiredKeys: ['mode'] },
);

export const policies = fc.constantFrom<ResolutionPolicy>(...RESOLUTION_POLICIES);

export interface SeriesWorld {
  db: ReturnType<typeof given>;
  franchises: FranchiseStateReadModel;
  ledger: ClaimsLedgerReadModel;
  claimsAt: ClaimsAtDate;
  /** What reads select from. */
  candidates: StateCandidates;
  /** Every claim kept, whatever the point: what reads folded before readings were kept apart. */
  everyCandidate: StateCandidates;
}

/** The read models of `balle-perdue` with a release and the readings given. */
export function seriesWorld(readings: Reading[]): SeriesWorld {
  const events: TimelineEvent[] = [
    franchiseCreated('balle-perdue', 'Balle perdue', []),
    ...SOURCES.map(([id, publishedOn]) => sourceRegistered(id, publishedOn)),
    claim('FilmReleased', { filmId: 'balle-perdue-1', releasedOn: '2020-06-19' }, 'article-a'),
    ...readings.flatMap(({ millions, at, source, retracted, title }) => {
      const reading = claim(
        'ViewershipMilestoneReached',
        { filmId: 'balle-perdue-1', views: millions * 1_000_000, reachedOn: at, ...(title ? { title } : {}) },
        SOURCES[source][0],
      );
      const retraction = claim(
        'ClaimRetracted',
        { retractedEventId: reading.eventId, reason: 'miscounted', retractedOn: '2021' },
        'article-d',
      );
      return retracted ? [reading, retraction] : [reading];
    }),
  ];
  const db = given(
    [
      new SourceCatalogProjection(),
      new FranchiseStateProjection(),
      new ClaimsLedgerProjection(),
      new WithdrawalsProjection(),
    ],
    ...events,
  );
  const franchises = new FranchiseStateReadModel(db);
  const claimsAt = new ClaimsAtDate(new SourceCatalogReadModel(db), new WithdrawalsReadModel(db));
  return {
    db,
    franchises,
    ledger: new ClaimsLedgerReadModel(db),
    claimsAt,
    candidates: new StateCandidates(franchises),
    everyCandidate: new EveryCandidate(franchises),
  };
}

class EveryCandidate extends StateCandidates {
  constructor(private readonly all: FranchiseStateReadModel) {
    super(all);
  }

  override at({ franchiseId }: Judgement): StateClaim[] {
    return [...this.all.factClaims(franchiseId, {}), ...this.allReadings(franchiseId)];
  }

  override ofSeries({ franchiseId }: Judgement, seriesId: string): StateClaim[] {
    return this.allReadings(franchiseId).filter((c) => factKeyId(factsOf(c.claim)[0].key) === seriesId);
  }

  private allReadings(franchiseId: string): StateClaim[] {
    return [
      ...this.all.contestedReadings(franchiseId, {}),
      ...this.all.wideReadings(franchiseId, {}),
      ...this.all
        .series(franchiseId)
        .flatMap(({ series }) => this.all.readingsLatestFirst(franchiseId, series, {}, Number.MAX_SAFE_INTEGER)),
    ].sort((a, b) => a.sequence - b.sequence);
  }
}
