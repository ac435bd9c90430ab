import { EdtfDate } from '../dates/edtf-date';
import { IdentityConflictError, RuleViolationError, SourceNotFoundError } from '../errors/domain-errors';
import {
  SourceEvent,
  SourceRegistered,
  SourceRegisteredData,
  SourceReliabilityRanked,
  metaFor,
} from '../events/timeline-events';
import { canonicalJson } from '../ids/canonical-json';
import { Decision, Fold } from '../decision';

/** What a claim needs to know of the source it cites. */
export interface SourceFacts {
  sourceId: string;
  publishedOn: EdtfDate;
  /**
   * The last day it may have been published: `publishedOn`'s last day, or the day it was
   * registered when that is earlier. A source is registered once published, so an open or
   * unknown end (`2020/..`, `XXXX`) ends there, and cannot report as done what came later.
   */
  publishedBy: string;
}

export interface SourceState {
  registered?: SourceRegistered;
  rank: number;
}

export const sourceFold: Fold<SourceState, SourceEvent> = {
  initial: () => ({ rank: 0 }),
  evolve(state, event) {
    if (event.type === 'SourceRegistered') state.registered = event;
    else state.rank = event.data.rank;
    return state;
  },
};

export function foldSource(events: Iterable<SourceEvent>): SourceState {
  let state = sourceFold.initial();
  for (const event of events) state = sourceFold.evolve(state, event);
  return state;
}

export function sourceFacts(state: SourceState): SourceFacts | undefined {
  if (!state.registered) return undefined;
  const { sourceId, publishedOn } = state.registered.data;
  const date = EdtfDate.parse(publishedOn, 'publishedOn');
  return { sourceId, publishedOn: date, publishedBy: publishedBy(date, state.registered.meta.recordedAt) };
}

/**
 * The last day a source may have been published: its publication date's last day, or the day it
 * was registered (`registeredAt`, an ISO timestamp) when that is earlier. A source is registered
 * once published, so an open or unknown end (`2020/..`, `XXXX`) ends there.
 */
export function publishedBy(publishedOn: EdtfDate, registeredAt: string): string {
  const registeredOn = registeredAt.slice(0, 10);
  return publishedOn.latest < registeredOn ? publishedOn.latest : registeredOn;
}

export interface RegisterSource {
  eventId: string;
  recordedAt: string;
  recordedBy: string;
  data: SourceRegisteredData;
}

export function registerSource(state: SourceState, command: RegisterSource): Decision<SourceRegistered> {
  const publishedOn = EdtfDate.parse(command.data.publishedOn, 'publishedOn');
  // A source registered now was published by now: one "published in 9999" could report anything as done.
  if (publishedOn.earliest > command.recordedAt.slice(0, 10)) {
    throw new RuleViolationError(
      `publishedOn ${publishedOn.value} is after today (${command.recordedAt.slice(0, 10)}): a source is registered once published`,
      'publishedOn',
    );
  }
  if (state.registered) {
    if (canonicalJson(state.registered.data) === canonicalJson(command.data)) {
      return { kind: 'alreadyRecorded', eventId: state.registered.eventId };
    }
    throw new IdentityConflictError(`source "${command.data.sourceId}" is already registered with other details`, 'id');
  }
  const event: SourceRegistered = {
    type: 'SourceRegistered',
    eventId: command.eventId,
    data: command.data,
    meta: metaFor('SourceRegistered', command.recordedAt, command.recordedBy),
  };
  return { kind: 'append', events: [event] };
}

export interface RankSource {
  sourceId: string;
  rank: number;
  reason?: string;
  eventId: string;
  recordedAt: string;
  recordedBy: string;
}

export const MAX_RANK = 100;

/** Sets how far a source is trusted; ranking it again at its current rank records nothing. */
export function rankSource(state: SourceState, command: RankSource): Decision<SourceReliabilityRanked> {
  if (!state.registered) throw new SourceNotFoundError(command.sourceId);
  if (!Number.isInteger(command.rank) || command.rank < 0 || command.rank > MAX_RANK) {
    throw new RuleViolationError(`rank must be a whole number from 0 to ${MAX_RANK}`, 'rank');
  }
  if (state.rank === command.rank) return { kind: 'alreadyRecorded', eventId: state.registered.eventId };
  const event: SourceReliabilityRanked = {
    type: 'SourceReliabilityRanked',
    eventId: command.eventId,
    data: { sourceId: command.sourceId, rank: command.rank, ...(command.reason ? { reason: command.reason } : {}) },
    meta: metaFor('SourceReliabilityRanked', command.recordedAt, command.recordedBy),
  };
  return { kind: 'append', events: [event] };
}
