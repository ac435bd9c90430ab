import { askedPoint, franchiseView } from '@app/domain';
import { FranchiseStateReadModel } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { echo } from '../at-date';
import { ClaimsAtDate, weighed } from '../claims-at-date';
import { findFranchise } from '../franchise-lookup';
import { StateCandidates } from '../state-candidates';
import { explainViewCounts } from '../wording/view-counts';
import { FranchiseStateAnswer, GetFranchiseStateQuery } from './get-franchise-state.query';

@QueryHandler(GetFranchiseStateQuery)
export class GetFranchiseStateHandler implements IQueryHandler<GetFranchiseStateQuery> {
  constructor(
    private readonly franchises: FranchiseStateReadModel,
    private readonly claimsAt: ClaimsAtDate,
    private readonly candidates: StateCandidates,
  ) {}

  async execute({ franchiseId, at, policy }: GetFranchiseStateQuery): Promise<FranchiseStateAnswer> {
    const point = askedPoint(at);
    findFranchise(this.franchises, franchiseId, point);
    const judgement = this.claimsAt.at(franchiseId, point);
    const { counted, titles } = judgement.selectNamed(this.candidates.at(judgement));
    const view = franchiseView(counted.map(weighed), policy, titles);
    const viewCounts = view.viewCounts.map((compared) => ({ ...compared, why: explainViewCounts(compared) }));
    return { franchiseId, ...echo(at), policy, ...view, viewCounts };
  }
}
