import { BeliefChange, FranchiseNotFoundError, beliefChanges, factKeyId } from '@app/domain';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { AtDate } from '../at-date';
import { GetFranchiseStateQuery } from '../get-franchise-state/get-franchise-state.query';
import { GetTimelineQuery, TimelineEntry } from '../get-timeline/get-timeline.query';
import { Page } from '../paging/page';
import { ChangeAxis, ChangesAnswer, GetChangesQuery } from './get-changes.query';

/** One change listed: an entry added or withdrawn, or a fact believed otherwise. */
type Listed = { section: 'added' | 'withdrawn'; entry: TimelineEntry } | { section: 'changed'; change: BeliefChange };

/** A change's place in the list: its section (added, withdrawn, changed), then its event or fact. */
type ChangeKey = [section: string, id: string];

/**
 * Answers by asking the timeline and the state at both points, and comparing. On the recorded
 * axis a franchise may not exist yet at the earlier point: it then has nothing there, and only
 * a franchise unknown at both points is not found. Paged over the added, withdrawn and changed
 * items in that order, after comparing both points whole.
 */
@QueryHandler(GetChangesQuery)
export class GetChangesHandler implements IQueryHandler<GetChangesQuery> {
  constructor(private readonly queryBus: QueryBus) {}

  async execute({ franchiseId, axis, from, to, mode, page: request }: GetChangesQuery): Promise<ChangesAnswer> {
    const page = new Page<ChangeKey>(request, ['changes', franchiseId, axis, from, to, mode], 2);
    const [before, after] = await Promise.all(
      [from, to].map((point) => this.at(franchiseId, { ...pointOn(axis, point), mode })),
    );
    if (!before && !after) throw new FranchiseNotFoundError(franchiseId);
    const entriesBefore = before?.timeline.entries ?? [];
    const entriesAfter = after?.timeline.entries ?? [];
    const idsBefore = new Set(entriesBefore.map((e) => e.eventId));
    const idsAfter = new Set(entriesAfter.map((e) => e.eventId));
    const listed: Listed[] = [
      ...entriesAfter.filter((e) => !idsBefore.has(e.eventId)).map((entry) => ({ section: 'added' as const, entry })),
      ...entriesBefore
        .filter((e) => !idsAfter.has(e.eventId))
        .map((entry) => ({ section: 'withdrawn' as const, entry })),
      ...beliefChanges(before?.state.facts ?? [], after?.state.facts ?? []).map((change) => ({
        section: 'changed' as const,
        change,
      })),
    ];
    const { items, page: info } = page.answer(page.rest(listed, keyOf), keyOf);
    return {
      franchiseId,
      axis,
      from,
      to,
      mode,
      ...(info ? { page: info } : {}),
      added: items.flatMap((item) => (item.section === 'added' ? [item.entry] : [])),
      withdrawn: items.flatMap((item) => (item.section === 'withdrawn' ? [item.entry] : [])),
      changed: items.flatMap((item) => (item.section === 'changed' ? [item.change] : [])),
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

function keyOf(item: Listed): ChangeKey {
  if (item.section !== 'changed') return [item.section, item.entry.eventId];
  const { filmId, field, window } = item.change;
  return [item.section, factKeyId({ filmId: filmId ?? undefined, field, window })];
}

function pointOn(axis: ChangeAxis, point: string): AtDate {
  if (axis === 'asOf') return { asOf: point };
  if (axis === 'knownAt') return { knownAt: point };
  return { recordedBefore: point };
}
