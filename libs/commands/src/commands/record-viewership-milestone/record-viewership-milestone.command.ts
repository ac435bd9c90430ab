import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { RecordViewershipMilestoneDto } from './record-viewership-milestone.dto';

/** Records a `ViewershipMilestoneReached` claim in the franchise's stream. */
export class RecordViewershipMilestoneCommand extends Command<RecordingResult> {
  constructor(
    readonly franchiseId: string,
    readonly body: RecordViewershipMilestoneDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
