import { FranchiseNotFoundError, beliefChanges } from '@app/domain';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { AtDate } from '../at-date';
import { GetFranchiseStateQuery } from '../get-franchise-state/get-franchise-state.query';
import { GetTimelineQuery } from '../get-timeline/get-timeline.query';
import { ChangeAxis, ChangesAnswer, GetChangesQuery } from './get-changes.query';

/**
 * Answers by asking the timeline and the state at both points, and comparing. On the recorded
 * axis a franchise may not exist yet at the earlier point: it then has nothing there, and only
 * a franchise unknown at both points is not found.
 */
@QueryHandler(GetChangesQuery)
export class GetChangesHandler implements IQueryHandler<GetChangesQuery> {
  constructor(private readonly queryBus: QueryBus) {}

  async execute({ franchiseId, axis, from, to, mode }: GetChangesQuery): Promise<ChangesAnswer> {
    const [before, after] = await Promise.all(
      [from, to].map((point) => this.at(franchiseId, { ...pointOn(axis, point), mode })),
    );
    if (!before && !after) throw new FranchiseNotFoundError(franchiseId);
    const entriesBefore = before?.timeline.entries ?? [];
    const entriesAfter = after?.timeline.entries ?? [];
    const idsBefore = new Set(entriesBefore.map((e) => e.eventId));
    const idsAfter = new Set(entriesAfter.map((e) => e.eventId));
    return {
      franchiseId,
      axis,
      from,
      to,
      mode,
      added: entriesAfter.filter((e) => !idsBefore.has(e.eventId)),
      withdrawn: entriesBefore.filter((e) => !idsAfter.has(e.eventId)),
      changed: beliefChanges(before?.state.facts ?? [], after?.state.facts ?? []),
    };
  }

  /** The timeline and the state at one point; nothing when the franchise was not recorded yet. */
  private async at(franchiseId: string, at: AtDate) {
    try {
      const [timeline, state] = await Promise.all([
        this.queryBus.execute(new GetTimelineQuery(franchiseId, at)),
        this.queryBus.execute(new GetFranchiseStateQuery(franchiseId, at)),
      ]);
      return { timeline, state };
    } catch (error) {
      if (error instanceof FranchiseNotFoundError) return undefined;
      throw error;
    }
  }
}

function pointOn(axis: ChangeAxis, point: string): AtDate {
  if (axis === 'asOf') return { asOf: point };
  if (axis === 'knownAt') return { knownAt: point };
  return { recordedBefore: point };
}
