import { AtDate, Certainty } from '@app/domain';

/** The three time axes every read can be asked on, and the mode; the rules are the domain's (`time-rules.ts`). */
export type { AtDate, Certainty };

export interface AskedAt {
  asOf: string | null;
  knownAt: string | null;
  recordedBefore: string | null;
  mode: Certainty;
}

/** Echoes what was asked, `null` for what was not. */
export function echo(at: AtDate): AskedAt {
  return {
    asOf: at.asOf ?? null,
    knownAt: at.knownAt ?? null,
    recordedBefore: at.recordedBefore ?? null,
    mode: at.mode ?? 'certain',
  };
}
