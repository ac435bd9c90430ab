import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { AtDate } from '../at-date';
import { GetFranchiseStateQuery } from '../get-franchise-state/get-franchise-state.query';
import { GetTimelineQuery } from '../get-timeline/get-timeline.query';
import { ChangeAxis, ChangesAnswer, FactChange, GetChangesQuery } from './get-changes.query';

/** Answers by asking the timeline and the state at both points, and comparing. */
@QueryHandler(GetChangesQuery)
export class GetChangesHandler implements IQueryHandler<GetChangesQuery> {
  constructor(private readonly queryBus: QueryBus) {}

  async execute({ franchiseId, axis, from, to, mode }: GetChangesQuery): Promise<ChangesAnswer> {
    const at = (point: string): AtDate => ({ ...pointOn(axis, point), mode });
    const [timelineFrom, timelineTo, stateFrom, stateTo] = await Promise.all([
      this.queryBus.execute(new GetTimelineQuery(franchiseId, at(from))),
      this.queryBus.execute(new GetTimelineQuery(franchiseId, at(to))),
      this.queryBus.execute(new GetFranchiseStateQuery(franchiseId, at(from))),
      this.queryBus.execute(new GetFranchiseStateQuery(franchiseId, at(to))),
    ]);
    const before = new Set(timelineFrom.entries.map((e) => e.eventId));
    const after = new Set(timelineTo.entries.map((e) => e.eventId));
    const key = (f: { filmId: string | null; field: string; window?: string }) =>
      `${f.filmId ?? ''}|${f.field}|${f.window ?? ''}`;
    const valuesFrom = new Map(stateFrom.facts.map((f) => [key(f), f]));
    const valuesTo = new Map(stateTo.facts.map((f) => [key(f), f]));
    const changed: FactChange[] = [...new Set([...valuesFrom.keys(), ...valuesTo.keys()])]
      .filter((k) => valuesFrom.get(k)?.value !== valuesTo.get(k)?.value)
      .map((k) => {
        const { filmId, field, window } = (valuesTo.get(k) ?? valuesFrom.get(k))!;
        return {
          filmId,
          field,
          ...(window ? { window } : {}),
          from: valuesFrom.get(k)?.value ?? null,
          to: valuesTo.get(k)?.value ?? null,
        };
      });
    return {
      franchiseId,
      axis,
      from,
      to,
      mode,
      added: timelineTo.entries.filter((e) => !before.has(e.eventId)),
      withdrawn: timelineFrom.entries.filter((e) => !after.has(e.eventId)),
      changed,
    };
  }
}

function pointOn(axis: ChangeAxis, point: string): AtDate {
  if (axis === 'asOf') return { asOf: point };
  if (axis === 'knownAt') return { knownAt: point };
  return { recordedBefore: point };
}
