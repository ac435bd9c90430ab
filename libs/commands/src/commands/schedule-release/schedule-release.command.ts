import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { ScheduleReleaseDto } from './schedule-release.dto';

/** Records a `ReleaseScheduled` claim in the franchise's stream. */
export class ScheduleReleaseCommand extends Command<RecordingResult> {
  constructor(
    readonly franchiseId: string,
    readonly body: ScheduleReleaseDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
