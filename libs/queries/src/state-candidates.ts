import { factsOf, knowledgeAt } from '@app/domain';
import { FranchiseStateReadModel, SeriesRecord, StateClaim } from '@app/projections';
import { Injectable } from '@nestjs/common';
import { Judgement } from './claims-at-date';

/** Uncontested readings looked at in the first round when searching for the latest that counts; each round takes four times more. */
const FIRST_ROUND = 32;
const DAY_MS = 86_400_000;

/**
 * The claims a franchise's state is folded from, however long its history: every claim of a
 * single-valued fact (known at the point, whenever it happened: titles come from them), the
 * contested and the wide readings of each series (see `WIDE_DAYS`), those that give their film's
 * title (known at the point, for the same reason), and of its other readings only those that may
 * hold its highest count at the point.
 *
 * Why that is enough: uncontested readings contradict nothing, so none is ever rejected, and of
 * two of them the one certainly taken later counts at least as much (`contradicts`). Take the
 * counted reading X that began last: any counted reading that counts more may end no earlier
 * than X begins, so it is wide or began within the series' widest span before X. Readings of the same
 * count as the highest are read too, as they back the value believed.
 */
@Injectable()
export class StateCandidates {
  constructor(private readonly franchises: FranchiseStateReadModel) {}

  /** The claims the state at the judgement's point is folded from, each once. */
  at(judgement: Judgement): StateClaim[] {
    const { franchiseId, point } = judgement;
    const selected = [
      ...this.franchises.factClaims(franchiseId, knowledgeAt(point)),
      ...this.franchises.contestedReadings(franchiseId, point),
      ...this.franchises.wideReadings(franchiseId, point),
      ...this.franchises.series(franchiseId).flatMap((series) => this.highestReadings(judgement, series)),
    ];
    // Readings that name their film, known at the point whenever taken (see `selectNamed`): few, and
    // maybe selected above already.
    const titled = this.franchises.titledReadings(franchiseId, knowledgeAt(point));
    if (titled.length === 0) return selected;
    const ids = new Set(selected.map((claim) => claim.eventId));
    return [...selected, ...titled.filter((claim) => !ids.has(claim.eventId))];
  }

  /** The readings of one series its resolution at the point takes (the contested, and those that may hold its highest count), in recording order. */
  ofSeries(judgement: Judgement, seriesId: string): StateClaim[] {
    const { franchiseId, point } = judgement;
    const series = this.franchises.series(franchiseId).find((s) => s.series === seriesId);
    if (!series) return [];
    return [
      ...this.franchises.contestedReadings(franchiseId, point, seriesId),
      ...this.franchises.wideReadings(franchiseId, point, seriesId),
      ...this.highestReadings(judgement, series),
    ].sort((a, b) => a.sequence - b.sequence);
  }

  private highestReadings(judgement: Judgement, { series, widestSpanDays }: SeriesRecord): StateClaim[] {
    const { franchiseId, point } = judgement;
    const latest = this.latestCounted(judgement, series);
    if (!latest) return [];
    const since = new Date(Date.parse(latest.occurred.earliest) - widestSpanDays * DAY_MS).toISOString().slice(0, 10);
    const near = this.franchises.readingsBeganAfter(franchiseId, series, point, since);
    const highest = Math.max(...judgement.select(near).map(({ record }) => countOf(record)));
    const ids = new Set(near.map((claim) => claim.eventId));
    const sameCount = this.franchises.readingsOf(franchiseId, series, point, highest);
    return [...near, ...sameCount.filter((claim) => !ids.has(claim.eventId))];
  }

  /** The uncontested reading that began last among those counted at the point, looked for in growing rounds. */
  private latestCounted(judgement: Judgement, series: string): StateClaim | undefined {
    const { franchiseId, point } = judgement;
    let after: StateClaim | undefined;
    for (let limit = FIRST_ROUND; ; limit *= 4) {
      const round = this.franchises.readingsLatestFirst(franchiseId, series, point, limit, after);
      const [counted] = judgement.select(round);
      if (counted) return counted.record;
      if (round.length < limit) return undefined;
      after = round[round.length - 1];
    }
  }
}

function countOf({ claim }: StateClaim): number {
  return Number(factsOf(claim)[0].value);
}
