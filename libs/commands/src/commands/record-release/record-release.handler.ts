import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimRecorder } from '../../claim-recorder';
import { RecordReleaseCommand } from './record-release.command';

@CommandHandler(RecordReleaseCommand)
export class RecordReleaseHandler implements ICommandHandler<RecordReleaseCommand> {
  constructor(private readonly recorder: ClaimRecorder) {}

  execute({ franchiseId, body, context }: RecordReleaseCommand) {
    return this.recorder.record('FilmReleased', franchiseId, body, context);
  }
}
