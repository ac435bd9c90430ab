import { EdtfDate } from '../dates/edtf-date';
import { IdentityConflictError } from '../errors/domain-errors';
import { SCHEMA_VERSION, SourceEvent, SourceRegistered, SourceRegisteredData } from '../events/timeline-events';
import { canonicalJson } from '../ids/canonical-json';
import { Decision } from '../decision';

/** What a claim needs to know of the source it cites. */
export interface SourceFacts {
  sourceId: string;
  publishedOn: EdtfDate;
}

export interface SourceState {
  registered?: SourceRegistered;
}

export function foldSource(events: Iterable<SourceEvent>): SourceState {
  const state: SourceState = {};
  for (const event of events) if (event.type === 'SourceRegistered') state.registered = event;
  return state;
}

export function sourceFacts(state: SourceState): SourceFacts | undefined {
  if (!state.registered) return undefined;
  const { sourceId, publishedOn } = state.registered.data;
  return { sourceId, publishedOn: EdtfDate.parse(publishedOn, 'publishedOn') };
}

export interface RegisterSource {
  eventId: string;
  recordedAt: string;
  recordedBy: string;
  data: SourceRegisteredData;
}

export function registerSource(state: SourceState, command: RegisterSource): Decision<SourceRegistered> {
  EdtfDate.parse(command.data.publishedOn, 'publishedOn');
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
    meta: { recordedAt: command.recordedAt, recordedBy: command.recordedBy, schemaVersion: SCHEMA_VERSION },
  };
  return { kind: 'append', events: [event] };
}
