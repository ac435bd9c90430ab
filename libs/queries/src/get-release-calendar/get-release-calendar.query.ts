import { CalendarRelease, ResolutionPolicy } from '@app/domain';
import { Query } from '@nestjs/cqrs';

export interface ReleaseCalendarAnswer {
  franchiseId: string;
  title: string;
  policy: ResolutionPolicy;
  /** Each film with a release date believed (or planned), named by its title known now. */
  releases: (CalendarRelease & { title: string })[];
}

/** The franchise's release dates as believed now, with how often each changed: what a calendar feed shows. */
export class GetReleaseCalendarQuery extends Query<ReleaseCalendarAnswer> {
  constructor(
    readonly franchiseId: string,
    readonly policy: ResolutionPolicy = 'majority',
  ) {
    super();
  }
}
