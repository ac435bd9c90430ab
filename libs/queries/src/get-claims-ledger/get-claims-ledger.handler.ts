import { EdtfDate, ResolutionPolicy, Testimony, askedPoint, firstClaimant, resolveFact, standingOf } from '@app/domain';
import { ClaimsLedgerReadModel, FranchiseStateReadModel, LedgerRecord } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { echo } from '../at-date';
import { ClaimsAtDate, Counted } from '../claims-at-date';
import { findFranchise } from '../franchise-lookup';
import { Page } from '../paging/page';
import { ClaimsLedgerAnswer, GetClaimsLedgerQuery, LedgerClaim, LedgerFact } from './get-claims-ledger.query';

type LedgerClaimAt = Counted<LedgerRecord>;

/** A claim's place in the ledger: its fact, then its own id. */
type LedgerKey = [factId: string, eventId: string];

/** One claim of the ledger, with the fact and value it is listed under. */
interface Listed {
  factId: string;
  fact: LedgerFact;
  claim: LedgerClaim;
}

@QueryHandler(GetClaimsLedgerQuery)
export class GetClaimsLedgerHandler implements IQueryHandler<GetClaimsLedgerQuery> {
  constructor(
    private readonly franchises: FranchiseStateReadModel,
    private readonly ledger: ClaimsLedgerReadModel,
    private readonly claimsAt: ClaimsAtDate,
  ) {}

  /**
   * Paged over claims, not facts (a fact may have thousands): each page lists up to `limit`
   * claims under their facts and values, a fact on two pages on both with its resolution. The
   * ledger is resolved whole first, since a fact's resolution takes all of its claims.
   */
  async execute({ franchiseId, at, policy, filter, page: request }: GetClaimsLedgerQuery): Promise<ClaimsLedgerAnswer> {
    const point = askedPoint(at);
    findFranchise(this.franchises, franchiseId, point);
    const page = new Page<LedgerKey>(request, ['claims', franchiseId, echo(at), policy, filter], 2);
    const candidates = this.ledger
      .claims(franchiseId, point)
      .filter(
        ({ key }) => (!filter.field || key.field === filter.field) && (!filter.filmId || key.filmId === filter.filmId),
      );
    const byFact = new Map<string, LedgerClaimAt[]>();
    for (const counted of this.claimsAt.select(franchiseId, candidates, point, true)) {
      byFact.set(counted.record.factId, [...(byFact.get(counted.record.factId) ?? []), counted]);
    }
    const listed = [...byFact].flatMap(([factId, claims]) => {
      const fact = toFact(claims, policy);
      return fact.values.flatMap(({ claims }) => claims.map((claim) => ({ factId, fact, claim })));
    });
    const keyOf = ({ factId, claim }: Listed): LedgerKey => [factId, claim.eventId];
    const { items, page: info } = page.answer(page.rest(listed, keyOf), keyOf);
    return { franchiseId, ...echo(at), policy, ...(info ? { page: info } : {}), facts: factsOf(items) };
  }
}

/** The facts of the claims listed, in their order, each with only those claims. */
function factsOf(listed: Listed[]): LedgerFact[] {
  const byFact = new Map<string, { fact: LedgerFact; claims: Set<LedgerClaim> }>();
  for (const { factId, fact, claim } of listed) {
    let onPage = byFact.get(factId);
    if (!onPage) byFact.set(factId, (onPage = { fact, claims: new Set() }));
    onPage.claims.add(claim);
  }
  return [...byFact.values()].map(({ fact, claims }) => ({
    ...fact,
    values: fact.values
      .map((value) => ({ ...value, claims: value.claims.filter((claim) => claims.has(claim)) }))
      .filter((value) => value.claims.length > 0),
  }));
}

function toFact(claims: LedgerClaimAt[], policy: ResolutionPolicy): LedgerFact {
  const { key } = claims[0].record;
  // Withdrawn claims are shown, but no longer weigh in the resolution.
  const testimonies = claims.filter((c) => !c.withdrawal).map(testimony);
  const resolution = testimonies.length > 0 ? resolveFact(testimonies, policy) : undefined;
  const valuesInOrder = [
    ...new Set([...(resolution?.values.map((v) => v.value) ?? []), ...claims.map((c) => c.record.value)]),
  ];
  const first = resolution && firstClaimant(testimonies, resolution);
  return {
    filmId: key.filmId ?? null,
    field: key.field,
    ...(key.window ? { window: key.window } : {}),
    resolved:
      resolution && first
        ? {
            value: resolution.value,
            policy: resolution.policy,
            decidedBy: resolution.decidedBy,
            supportedBy: resolution.supportedBy,
            firstClaimedBy: { sourceId: first.sourceId, eventId: first.eventId, publishedOn: first.publishedOn.value },
          }
        : null,
    disputed: resolution?.disputed ?? false,
    values: valuesInOrder.map((value) => {
      const holding = claims.filter((c) => c.record.value === value);
      return {
        value,
        sourceIds: [...new Set(holding.map((c) => c.record.sourceId))],
        claims: holding.map((c) => toClaim(c, standingOf({ ...c.record, withdrawal: c.withdrawal?.kind }, resolution))),
      };
    }),
  };
}

function testimony({ record: claim, source, rank }: LedgerClaimAt): Testimony {
  return {
    claim: { key: claim.key, value: claim.value, valueKind: claim.valueKind, at: claim.at },
    eventId: claim.eventId,
    sourceId: claim.sourceId,
    publishedOn: EdtfDate.parse(source.publishedOn),
    sequence: claim.sequence,
    rank,
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
    recordedAt: claim.recordedAt,
    recordedBy: claim.recordedBy,
  };
}
