import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { RecordProductionWrapDto } from './record-production-wrap.dto';

/** Records a `ProductionWrapped` claim in the franchise's stream. */
export class RecordProductionWrapCommand extends Command<RecordingResult> {
  constructor(
    readonly franchiseId: string,
    readonly body: RecordProductionWrapDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
