import fc from 'fast-check';
import { askedPoints, policies, seriesReadings, seriesWorld } from '../series.fixtures';
import { GetFranchiseStateHandler } from './get-franchise-state.handler';
import { GetFranchiseStateQuery } from './get-franchise-state.query';

describe('GetFranchiseStateHandler', () => {
  it('answers from the readings it selects exactly what it answers from every reading', async () => {
    await fc.assert(
      fc.asyncProperty(seriesReadings, askedPoints, policies, async (readings, at, policy) => {
        const world = seriesWorld(readings);
        const { franchises, claimsAt } = world;
        const selecting = new GetFranchiseStateHandler(franchises, claimsAt, world.candidates);
        const folding = new GetFranchiseStateHandler(franchises, claimsAt, world.everyCandidate);
        const query = new GetFranchiseStateQuery('balle-perdue', at, policy);

        expect(await selecting.execute(query)).toEqual(await folding.execute(query));
        world.db.close();
      }),
      { numRuns: 150 },
    );
  });
});
