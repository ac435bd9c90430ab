import { askedPoint, releaseCalendar } from '@app/domain';
import { FranchiseStateReadModel } from '@app/projections';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { ClaimsAtDate, weighed } from '../claims-at-date';
import { findFranchise } from '../franchise-lookup';
import { StateCandidates } from '../state-candidates';
import { GetReleaseCalendarQuery, ReleaseCalendarAnswer } from './get-release-calendar.query';

@QueryHandler(GetReleaseCalendarQuery)
export class GetReleaseCalendarHandler implements IQueryHandler<GetReleaseCalendarQuery> {
  constructor(
    private readonly franchises: FranchiseStateReadModel,
    private readonly claimsAt: ClaimsAtDate,
    private readonly candidates: StateCandidates,
  ) {}

  async execute({ franchiseId, policy }: GetReleaseCalendarQuery): Promise<ReleaseCalendarAnswer> {
    const point = askedPoint({});
    const franchise = findFranchise(this.franchises, franchiseId, point);
    const judgement = this.claimsAt.at(franchiseId, point);
    const candidates = this.candidates.at(judgement);
    const { titles } = judgement.selectNamed(candidates);
    // Withdrawn claims too: each withdrawal is a revision of the event (see `CalendarRelease.revision`).
    const claims = judgement
      .select(candidates, true)
      .map((c) => ({ ...weighed(c), withdrawn: c.withdrawal !== undefined }));
    const releases = releaseCalendar(claims, policy).map((release) => ({
      ...release,
      title: titles.get(release.filmId) ?? release.filmId,
    }));
    return { franchiseId, title: franchise.title, policy, releases };
  }
}
