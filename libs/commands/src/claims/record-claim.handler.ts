import {
  FranchiseState,
  deriveEventId,
  eventIdFold,
  eventIdStream,
  franchiseFold,
  franchiseStream,
  recordClaim,
  sourceFacts,
  sourceFold,
  sourceStream,
  takeEventId,
} from '@app/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { RecordingResult } from '../recording-result';
import { Stamp, StreamWriter } from '../stream-writer';
import { RecordClaimCommand } from './record-claim.command';

/** Maps the body through its kind's row, lets the franchise decide, and appends at the revision it read. */
@CommandHandler(RecordClaimCommand)
export class RecordClaimHandler implements ICommandHandler<RecordClaimCommand> {
  constructor(private readonly writer: StreamWriter) {}

  async execute({ kind, franchiseId, body, context }: RecordClaimCommand): Promise<RecordingResult> {
    const type = kind.eventType;
    const { sourceId } = body;
    const data = withoutUndefined(kind.toData(body, franchiseId));
    // Without a client id, the same claim from the same source always gets the same id.
    const eventId =
      kind.idFrom === 'payload'
        ? deriveEventId({ franchiseId, type, sourceId, data })
        : (body.eventId ?? deriveEventId({ franchiseId, type, sourceId, data: { franchiseId, ...statedIn(body) } }));
    const source = await this.sourceFacts(sourceId);
    const origin = data.basedOn === undefined ? undefined : await this.sourceFacts(data.basedOn);
    const streamId = franchiseStream(franchiseId);
    const decide = (state: FranchiseState, stamp: Stamp) =>
      recordClaim(state, { type, eventId, data, sourceId, source, origin, administers: context.administers, ...stamp });
    if (body.eventId !== undefined && kind.idFrom !== 'payload') {
      // Decided first on the franchise as it stands, so a claim refused (404, 422) takes no id;
      // then the client's id is taken for this stream (an If-Match is for the franchise's stream).
      await this.writer.check(streamId, franchiseFold, decide, context);
      await this.writer.write(
        eventIdStream(eventId),
        eventIdFold,
        (state, stamp) => takeEventId(state, { eventId, streamId, ...stamp }),
        { ...context, expectedRevision: undefined },
      );
    }
    return this.writer.write(streamId, franchiseFold, decide, context);
  }

  private async sourceFacts(sourceId: string) {
    return sourceFacts((await this.writer.current(sourceStream(sourceId), sourceFold)).state);
  }
}

/** The claim as the body states it: everything but who states it and the id asked for. */
function statedIn({ sourceId, eventId, ...stated }: { sourceId: string; eventId?: string }): object {
  return stated;
}

/** Optional fields the body left out stay out of the payload, as they were when payloads were the bodies themselves. */
function withoutUndefined<T extends object>(data: T): T {
  return Object.fromEntries(Object.entries(data).filter(([, value]) => value !== undefined)) as T;
}
