import {
  ClaimDataOf,
  ClaimType,
  Clock,
  FranchiseEvent,
  SourceEvent,
  deriveEventId,
  foldFranchise,
  foldSource,
  franchiseStream,
  recordClaim,
  sourceFacts,
  sourceStream,
} from '@app/domain';
import { Inject, Injectable } from '@nestjs/common';
import { ClaimDto } from './claim.dto';
import { CommandContext } from './command-context';
import { RecordingResult } from './recording-result';
import { StreamWriter } from './stream-writer';
import { CLOCK } from './tokens';

/** Records one claim of any kind: the handlers of the claim commands all delegate here. */
@Injectable()
export class ClaimRecorder {
  constructor(
    private readonly writer: StreamWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async record<T extends ClaimType>(
    type: T,
    franchiseId: string,
    body: ClaimDto,
    context: CommandContext,
  ): Promise<RecordingResult> {
    const { sourceId, eventId, ...fields } = body;
    const data = { franchiseId, ...fields } as unknown as ClaimDataOf<T>;
    // Without a client id, the same claim from the same source always gets the same id.
    const id = eventId ?? deriveEventId({ franchiseId, type, sourceId, data });
    const source = sourceFacts(foldSource((await this.writer.load<SourceEvent>(sourceStream(sourceId))).events));
    return this.writer.write<FranchiseEvent>(
      franchiseStream(franchiseId),
      (stream) =>
        recordClaim(foldFranchise(stream.events), {
          type,
          eventId: id,
          data,
          sourceId,
          source,
          recordedAt: this.clock.now().toISOString(),
          recordedBy: context.recordedBy,
        }),
      context,
    );
  }
}
