import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { RecordGreenlightDto } from './record-greenlight.dto';

/** Records a `ProductionGreenlit` claim in the franchise's stream. */
export class RecordGreenlightCommand extends Command<RecordingResult> {
  constructor(
    readonly franchiseId: string,
    readonly body: RecordGreenlightDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
