import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimRecorder } from '../../claim-recorder';
import { RecordProductionWrapCommand } from './record-production-wrap.command';

@CommandHandler(RecordProductionWrapCommand)
export class RecordProductionWrapHandler implements ICommandHandler<RecordProductionWrapCommand> {
  constructor(private readonly recorder: ClaimRecorder) {}

  execute({ franchiseId, body, context }: RecordProductionWrapCommand) {
    return this.recorder.record('ProductionWrapped', franchiseId, body, context);
  }
}
