import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimRecorder } from '../../claim-recorder';
import { AnnounceSequelCommand } from './announce-sequel.command';

@CommandHandler(AnnounceSequelCommand)
export class AnnounceSequelHandler implements ICommandHandler<AnnounceSequelCommand> {
  constructor(private readonly recorder: ClaimRecorder) {}

  execute({ franchiseId, body, context }: AnnounceSequelCommand) {
    return this.recorder.record('SequelAnnounced', franchiseId, body, context);
  }
}
