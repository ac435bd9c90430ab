import { Clock, SourceEvent, deriveEventId, foldSource, registerSource, sourceStream } from '@app/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../stream-writer';
import { CLOCK } from '../../tokens';
import { RegisterSourceCommand } from './register-source.command';

@CommandHandler(RegisterSourceCommand)
export class RegisterSourceHandler implements ICommandHandler<RegisterSourceCommand> {
  constructor(
    private readonly writer: StreamWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ body, context }: RegisterSourceCommand) {
    const { id, ...details } = body;
    const command = {
      data: { sourceId: id, ...details },
      eventId: deriveEventId({ type: 'SourceRegistered', sourceId: id }),
      recordedAt: this.clock.now().toISOString(),
      recordedBy: context.recordedBy,
    };
    return this.writer.write<SourceEvent>(
      sourceStream(id),
      (stream) => registerSource(foldSource(stream.events), command),
      context,
    );
  }
}
