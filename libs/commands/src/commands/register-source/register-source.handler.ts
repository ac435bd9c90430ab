import { deriveEventId, sourceFold, registerSource, sourceStream } from '@app/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../stream-writer';
import { RegisterSourceCommand } from './register-source.command';

@CommandHandler(RegisterSourceCommand)
export class RegisterSourceHandler implements ICommandHandler<RegisterSourceCommand> {
  constructor(private readonly writer: StreamWriter) {}

  execute({ body, context }: RegisterSourceCommand) {
    const { id, ...details } = body;
    const command = {
      data: { sourceId: id, ...details },
      eventId: deriveEventId({ type: 'SourceRegistered', sourceId: id }),
    };
    return this.writer.write(
      sourceStream(id),
      sourceFold,
      (state, stamp) => registerSource(state, { ...command, ...stamp }),
      context,
    );
  }
}
