import { sourceFold, newEventId, rankSource, sourceStream } from '@app/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../stream-writer';
import { RankSourceCommand } from './rank-source.command';

@CommandHandler(RankSourceCommand)
export class RankSourceHandler implements ICommandHandler<RankSourceCommand> {
  constructor(private readonly writer: StreamWriter) {}

  /** A rank may go back to an earlier value, so its event id is fresh rather than derived from content. */
  execute({ sourceId, body, context }: RankSourceCommand) {
    const command = {
      sourceId,
      rank: body.rank,
      reason: body.reason,
      eventId: newEventId(),
    };
    return this.writer.write(
      sourceStream(sourceId),
      sourceFold,
      (state, stamp) => rankSource(state, { ...command, ...stamp }),
      context,
    );
  }
}
