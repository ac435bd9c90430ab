import { FranchiseEvent, createFranchise, deriveEventId, foldFranchise, franchiseStream } from '@app/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { StreamWriter } from '../../stream-writer';
import { CreateFranchiseCommand } from './create-franchise.command';

@CommandHandler(CreateFranchiseCommand)
export class CreateFranchiseHandler implements ICommandHandler<CreateFranchiseCommand> {
  constructor(private readonly writer: StreamWriter) {}

  execute({ body, context }: CreateFranchiseCommand) {
    const command = {
      franchiseId: body.id,
      title: body.title,
      aliases: body.aliases ?? [],
      eventId: deriveEventId({ type: 'FranchiseCreated', franchiseId: body.id }),
    };
    return this.writer.write<FranchiseEvent>(
      franchiseStream(body.id),
      (stream, stamp) => createFranchise(foldFranchise(stream.events), { ...command, ...stamp }),
      context,
    );
  }
}
