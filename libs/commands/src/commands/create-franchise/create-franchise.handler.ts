import { Clock, FranchiseEvent, createFranchise, deriveEventId, foldFranchise, franchiseStream } from '@app/domain';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../stream-writer';
import { CLOCK } from '../../tokens';
import { CreateFranchiseCommand } from './create-franchise.command';

@CommandHandler(CreateFranchiseCommand)
export class CreateFranchiseHandler implements ICommandHandler<CreateFranchiseCommand> {
  constructor(
    private readonly writer: StreamWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ body, context }: CreateFranchiseCommand) {
    const command = {
      franchiseId: body.id,
      title: body.title,
      aliases: body.aliases ?? [],
      eventId: deriveEventId({ type: 'FranchiseCreated', franchiseId: body.id }),
      recordedAt: this.clock.now().toISOString(),
      recordedBy: context.recordedBy,
    };
    return this.writer.write<FranchiseEvent>(
      franchiseStream(body.id),
      (stream) => createFranchise(foldFranchise(stream.events), command),
      context,
    );
  }
}
