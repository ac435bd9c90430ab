import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimRecorder } from '../../claim-recorder';
import { ScheduleReleaseCommand } from './schedule-release.command';

@CommandHandler(ScheduleReleaseCommand)
export class ScheduleReleaseHandler implements ICommandHandler<ScheduleReleaseCommand> {
  constructor(private readonly recorder: ClaimRecorder) {}

  execute({ franchiseId, body, context }: ScheduleReleaseCommand) {
    return this.recorder.record('ReleaseScheduled', franchiseId, body, context);
  }
}
