import {
  FactKey,
  FactValue,
  ResolutionPolicy,
  ResolvedFact,
  Testimony,
  askedPoint,
  factsOf,
  firstClaimant,
  resolveFact,
  standingOf,
} from '@app/domain';
import { ClaimsLedgerReadModel, FranchiseStateReadModel, LedgerFactRecord, LedgerRecord } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { echo } from '../at-date';
import { ClaimsAtDate, Counted, Judgement, publicationOf } from '../claims-at-date';
import { findFranchise } from '../franchise-lookup';
import { Page } from '../paging/page';
import { StateCandidates } from '../state-candidates';
import { ClaimsLedgerAnswer, GetClaimsLedgerQuery, LedgerClaim, LedgerFact } from './get-claims-ledger.query';

type LedgerClaimAt = Counted<LedgerRecord>;

/** A claim's place in the ledger: its fact, then its recording order. */
type LedgerKey = [factId: string, sequence: number];

/** One claim of the ledger, with the fact and value it is listed under. */
interface Listed {
  factId: string;
  sequence: number;
  fact: Omit<LedgerFact, 'values'>;
  value: FactValue;
  claim: LedgerClaim;
}

@QueryHandler(GetClaimsLedgerQuery)
export class GetClaimsLedgerHandler implements IQueryHandler<GetClaimsLedgerQuery> {
  constructor(
    private readonly franchises: FranchiseStateReadModel,
    private readonly ledger: ClaimsLedgerReadModel,
    private readonly claimsAt: ClaimsAtDate,
    private readonly candidates: StateCandidates,
  ) {}

  /**
   * Paged over claims, not facts: each page lists up to `limit` claims under their facts and
   * values, a fact on two pages on both with its resolution, each value with the sources of its
   * claims on the page. A page costs what its claims and their facts' resolutions cost, however
   * long the history: a single-valued fact is read whole (a claim per source, at most), a series
   * (views by date, thousands of readings) is resolved from the readings that decide it and
   * listed in recording order.
   */
  async execute({ franchiseId, at, policy, filter, page: request }: GetClaimsLedgerQuery): Promise<ClaimsLedgerAnswer> {
    const point = askedPoint(at);
    findFranchise(this.franchises, franchiseId, point);
    const page = new Page<LedgerKey>(request, ['claims', franchiseId, echo(at), policy, filter], 2);
    const facts = this.ledger.facts(franchiseId, filter);
    const [afterFact, afterSequence] = page.after ?? [];
    const wanted = page.toRead ?? Infinity;
    const judgement = this.claimsAt.at(franchiseId, point);
    const listed: Listed[] = [];
    for (const fact of facts.slice(
      Math.max(
        0,
        facts.findIndex((f) => f.factId === afterFact),
      ),
    )) {
      if (listed.length >= wanted) break;
      const after = fact.factId === afterFact ? afterSequence : undefined;
      const read = fact.valueKind === 'reading' ? this.seriesClaims : this.wholeFactClaims;
      listed.push(...read.call(this, judgement, fact, policy, after, wanted - listed.length));
    }
    const keyOf = ({ factId, sequence }: Listed): LedgerKey => [factId, sequence];
    const { items, page: info } = page.answer(listed, keyOf);
    return { franchiseId, ...echo(at), policy, ...(info ? { page: info } : {}), facts: grouped(items) };
  }

  /** A single-valued fact read whole and resolved; its claims after `after`, in the order of their values. */
  private wholeFactClaims(
    judgement: Judgement,
    { factId }: LedgerFactRecord,
    policy: ResolutionPolicy,
    after: number | undefined,
    wanted: number,
  ): Listed[] {
    const { franchiseId, point } = judgement;
    const counted = judgement.select(this.ledger.claimsOfFact(franchiseId, factId, point), true);
    if (counted.length === 0) return [];
    const { fact, claims } = resolvedWhole(counted, policy);
    const from = after === undefined ? 0 : claims.findIndex((c) => c.sequence === after) + 1;
    return claims.slice(from, from + wanted).map((c) => ({ factId, fact, ...c }));
  }

  /** A series resolved from the readings that decide it; its claims after `after`, in recording order. */
  private seriesClaims(
    judgement: Judgement,
    { factId, key }: LedgerFactRecord,
    policy: ResolutionPolicy,
    after: number | undefined,
    wanted: number,
  ): Listed[] {
    const { franchiseId, point } = judgement;
    const deciding = judgement.select(this.candidates.ofSeries(judgement, factId));
    const testimonies = deciding.map(({ record, source, rank, origin }) => ({
      claim: factsOf(record.claim)[0],
      eventId: record.eventId,
      sourceId: record.sourceId,
      ...publicationOf(source),
      sequence: record.sequence,
      rank,
      origin,
    }));
    const resolution = testimonies.length > 0 ? resolveFact(testimonies, policy) : undefined;
    const fact = { ...keyFields(key), ...resolutionFields(testimonies, resolution) };
    const listed: Listed[] = [];
    let afterSequence = after;
    // Read as many rows as the page still wants, again while the time rules drop some.
    while (listed.length < wanted) {
      const limit = Number.isFinite(wanted) ? wanted - listed.length : undefined;
      const rows = this.ledger.claimsOfFact(franchiseId, factId, point, { afterSequence, limit });
      for (const counted of judgement.select(rows, true)) {
        const standing = standingOf({ ...counted.record, withdrawal: counted.withdrawal?.kind }, resolution);
        listed.push({
          factId,
          fact,
          value: counted.record.value,
          claim: toClaim(counted, standing),
          sequence: counted.record.sequence,
        });
      }
      if (limit === undefined || rows.length < limit) break;
      afterSequence = rows[rows.length - 1].sequence;
    }
    // A fact none of whose claims count at the point is not listed.
    return listed;
  }
}

/** The listed claims under their facts and values, in the order listed. */
function grouped(listed: Listed[]): LedgerFact[] {
  const byFact = new Map<string, { fact: Listed['fact']; values: Map<FactValue, LedgerClaim[]> }>();
  for (const { factId, fact, value, claim } of listed) {
    let entry = byFact.get(factId);
    if (!entry) byFact.set(factId, (entry = { fact, values: new Map() }));
    entry.values.set(value, [...(entry.values.get(value) ?? []), claim]);
  }
  return [...byFact.values()].map(({ fact, values }) => ({
    ...fact,
    values: [...values].map(([value, claims]) => ({
      value,
      sourceIds: [...new Set(claims.map((c) => c.sourceId))],
      origins: [...new Set(claims.map((c) => c.basedOn ?? c.sourceId))],
      claims,
    })),
  }));
}

/** A fact read whole: its resolution, and its claims in the order of their values (the believed first). */
function resolvedWhole(claims: LedgerClaimAt[], policy: ResolutionPolicy) {
  // Withdrawn claims are shown, but no longer weigh in the resolution.
  const testimonies = claims.filter((c) => !c.withdrawal).map(testimony);
  const resolution = testimonies.length > 0 ? resolveFact(testimonies, policy) : undefined;
  const valuesInOrder = [
    ...new Set([...(resolution?.values.map((v) => v.value) ?? []), ...claims.map((c) => c.record.value)]),
  ];
  return {
    fact: { ...keyFields(claims[0].record.key), ...resolutionFields(testimonies, resolution) },
    claims: valuesInOrder.flatMap((value) =>
      claims
        .filter((c) => c.record.value === value)
        .map((c) => ({
          value,
          sequence: c.record.sequence,
          claim: toClaim(c, standingOf({ ...c.record, withdrawal: c.withdrawal?.kind }, resolution)),
        })),
    ),
  };
}

function keyFields(key: FactKey): Pick<LedgerFact, 'filmId' | 'field' | 'window'> {
  return { filmId: key.filmId ?? null, field: key.field, ...(key.window ? { window: key.window } : {}) };
}

/** What a fact's entry says of its resolution: the value believed, why, who first claimed it, whether disputed. */
function resolutionFields(
  testimonies: Testimony[],
  resolution: ResolvedFact | undefined,
): Pick<LedgerFact, 'resolved' | 'disputed'> {
  const first = resolution && firstClaimant(testimonies, resolution);
  return {
    resolved:
      resolution && first
        ? {
            value: resolution.value,
            policy: resolution.policy,
            decidedBy: resolution.decidedBy,
            supportedBy: resolution.supportedBy,
            origins: resolution.origins,
            firstClaimedBy: { sourceId: first.sourceId, eventId: first.eventId, publishedOn: first.publishedOn.value },
          }
        : null,
    disputed: resolution?.disputed ?? false,
  };
}

function testimony({ record: claim, source, rank, origin }: LedgerClaimAt): Testimony {
  return {
    claim: { key: claim.key, value: claim.value, valueKind: claim.valueKind, at: claim.at },
    eventId: claim.eventId,
    sourceId: claim.sourceId,
    ...publicationOf(source),
    sequence: claim.sequence,
    rank,
    ...(origin ? { origin } : {}),
  };
}

function toClaim(
  { record: claim, source, certainty, withdrawal, supersedes }: LedgerClaimAt,
  standing: LedgerClaim['standing'],
): LedgerClaim {
  return {
    eventId: claim.eventId,
    sourceId: claim.sourceId,
    type: claim.type,
    occurredOn: claim.occurredOn,
    occurredBetween: claim.occurred,
    sourcePublishedOn: source.publishedOn,
    sourcePublishedBetween: source.published,
    certainty,
    standing,
    ...(withdrawal ? { withdrawnBy: withdrawal.eventId } : {}),
    ...(supersedes ? { supersedes } : {}),
    ...(claim.basedOn ? { basedOn: claim.basedOn } : {}),
    recordedAt: claim.recordedAt,
    recordedBy: claim.recordedBy,
  };
}
