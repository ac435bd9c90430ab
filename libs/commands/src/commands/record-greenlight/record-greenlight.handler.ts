import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimRecorder } from '../../claim-recorder';
import { RecordGreenlightCommand } from './record-greenlight.command';

@CommandHandler(RecordGreenlightCommand)
export class RecordGreenlightHandler implements ICommandHandler<RecordGreenlightCommand> {
  constructor(private readonly recorder: ClaimRecorder) {}

  execute({ franchiseId, body, context }: RecordGreenlightCommand) {
    return this.recorder.record('ProductionGreenlit', franchiseId, body, context);
  }
}
