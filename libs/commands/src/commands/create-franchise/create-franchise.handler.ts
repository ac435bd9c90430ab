import { createFranchise, deriveEventId, franchiseFold, franchiseStream } from '@app/domain';
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
    return this.writer.write(
      franchiseStream(body.id),
      franchiseFold,
      (state, stamp) => createFranchise(state, { ...command, ...stamp }),
      context,
    );
  }
}
