import { Clock, Decision, EventRecord, IdentityConflictError, TimelineEvent, fromRecord, toRecord } from '@app/domain';
import {
  DuplicateEventIdError,
  EVENT_STORE,
  EventStore,
  StoredEvent,
  WrongExpectedRevisionError,
  collect,
} from '@app/event-store';
import { Inject, Injectable } from '@nestjs/common';
import { CommandContext } from './command-context';
import { ConcurrentWriteError, StaleRevisionError } from './command-errors';
import { RecordingResult } from './recording-result';
import { CLOCK } from './tokens';

const MAX_ATTEMPTS = 5;

export interface LoadedStream<E extends TimelineEvent> {
  events: E[];
  stored: StoredEvent[];
  revision: number | null;
}

/** Who records the events a command decides, and when: the same on every attempt. */
export interface Stamp {
  recordedAt: string;
  recordedBy: string;
}

/**
 * The write cycle every command shares: read the stream, decide, append at the revision read.
 * A concurrent write makes the append fail rather than overwrite; the command is then decided
 * again on the new stream, unless the client pinned a revision with `If-Match`.
 */
@Injectable()
export class StreamWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async load<E extends TimelineEvent>(streamId: string): Promise<LoadedStream<E>> {
    const stored = await collect(this.store.readStream(streamId));
    return {
      stored,
      events: stored.map((s) => fromRecord(s as EventRecord) as E),
      revision: stored.length > 0 ? stored[stored.length - 1].revision : null,
    };
  }

  async write<E extends TimelineEvent>(
    streamId: string,
    decide: (stream: LoadedStream<E>, stamp: Stamp) => Decision<TimelineEvent>,
    context: CommandContext,
  ): Promise<RecordingResult> {
    const stamp = { recordedAt: this.clock.now().toISOString(), recordedBy: context.recordedBy };
    for (let attempt = 1; ; attempt++) {
      const stream = await this.load<E>(streamId);
      const decision = decide(stream, stamp);
      if (decision.kind === 'alreadyRecorded') return originalAnswer(stream, decision.eventId);

      const pinned = context.expectedRevision;
      if (pinned !== undefined && pinned !== stream.revision) throw new StaleRevisionError(pinned, stream.revision);
      try {
        const { correlationId, causationId } = context;
        const records = decision.events.map((e) => toRecord(e, { correlationId, causationId }));
        const result = await this.store.append(streamId, records, stream.revision ?? 'no_stream');
        return {
          eventId: records[records.length - 1].id,
          revision: result.nextRevision,
          position: result.position,
          created: true,
        };
      } catch (error) {
        if (error instanceof DuplicateEventIdError) {
          throw new IdentityConflictError(`event id ${error.eventId} is already used by another stream`, 'eventId');
        }
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (pinned !== undefined) throw new StaleRevisionError(pinned, numeric(error.actual));
        if (attempt >= MAX_ATTEMPTS) throw new ConcurrentWriteError(streamId);
      }
    }
  }
}

function originalAnswer(stream: LoadedStream<TimelineEvent>, eventId: string): RecordingResult {
  const original = stream.stored.find((s) => s.id === eventId)!;
  return { eventId, revision: original.revision, position: original.position, created: false };
}

function numeric(revision: number | 'no_stream'): number | null {
  return revision === 'no_stream' ? null : revision;
}
