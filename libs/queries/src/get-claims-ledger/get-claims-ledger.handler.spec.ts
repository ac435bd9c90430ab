import fc from 'fast-check';
import { askedPoints, policies, seriesReadings, seriesWorld } from '../series.fixtures';
import { GetClaimsLedgerHandler } from './get-claims-ledger.handler';
import { ClaimsLedgerAnswer, GetClaimsLedgerQuery } from './get-claims-ledger.query';

/**
 * Every claim listed, page after page, with the fact and value it was listed under, by event id
 * (a page groups its claims by value, so pages of other sizes list them in other orders).
 */
async function walk(handler: GetClaimsLedgerHandler, query: (cursor?: string) => GetClaimsLedgerQuery) {
  const listed: { claim: { eventId: string } }[] = [];
  let cursor: string | undefined;
  do {
    const answer: ClaimsLedgerAnswer = await handler.execute(query(cursor));
    for (const { values, ...fact } of answer.facts) {
      for (const { value, claims } of values) listed.push(...claims.map((claim) => ({ fact, value, claim })));
    }
    cursor = answer.page?.next ?? undefined;
  } while (cursor);
  return listed.sort((a, b) => a.claim.eventId.localeCompare(b.claim.eventId));
}

describe('GetClaimsLedgerHandler', () => {
  it('pages a series resolved from the readings it selects exactly as one page resolved from every reading', async () => {
    await fc.assert(
      fc.asyncProperty(
        seriesReadings,
        askedPoints,
        policies,
        fc.integer({ min: 1, max: 7 }),
        async (readings, at, policy, limit) => {
          const world = seriesWorld(readings);
          const { franchises, ledger, claimsAt } = world;
          const selecting = new GetClaimsLedgerHandler(franchises, ledger, claimsAt, world.candidates);
          const folding = new GetClaimsLedgerHandler(franchises, ledger, claimsAt, world.everyCandidate);
          const query = (size: number) => (cursor?: string) =>
            new GetClaimsLedgerQuery('balle-perdue', at, policy, {}, { limit: size, cursor });

          expect(await walk(selecting, query(limit))).toEqual(await walk(folding, query(1000)));
          world.db.close();
        },
      ),
      { numRuns: 100 },
    );
  });
});
