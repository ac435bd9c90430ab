import { Clock, SourceEvent, foldSource, newEventId, rankSource, sourceStream } from '@app/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../stream-writer';
import { CLOCK } from '../../tokens';
import { RankSourceCommand } from './rank-source.command';

@CommandHandler(RankSourceCommand)
export class RankSourceHandler implements ICommandHandler<RankSourceCommand> {
  constructor(
    private readonly writer: StreamWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A rank may go back to an earlier value, so its event id is fresh rather than derived from content. */
  execute({ sourceId, body, context }: RankSourceCommand) {
    const command = {
      sourceId,
      rank: body.rank,
      reason: body.reason,
      eventId: newEventId(),
      recordedAt: this.clock.now().toISOString(),
      recordedBy: context.recordedBy,
    };
    return this.writer.write<SourceEvent>(
      sourceStream(sourceId),
      (stream) => rankSource(foldSource(stream.events), command),
      context,
    );
  }
}
