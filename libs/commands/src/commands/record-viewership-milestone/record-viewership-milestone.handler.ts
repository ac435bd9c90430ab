import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimRecorder } from '../../claim-recorder';
import { RecordViewershipMilestoneCommand } from './record-viewership-milestone.command';

@CommandHandler(RecordViewershipMilestoneCommand)
export class RecordViewershipMilestoneHandler implements ICommandHandler<RecordViewershipMilestoneCommand> {
  constructor(private readonly recorder: ClaimRecorder) {}

  execute({ franchiseId, body, context }: RecordViewershipMilestoneCommand) {
    return this.recorder.record('ViewershipMilestoneReached', franchiseId, body, context);
  }
}
