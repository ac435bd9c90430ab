import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { RecordReleaseDto } from './record-release.dto';

/** Records a `FilmReleased` claim in the franchise's stream. */
export class RecordReleaseCommand extends Command<RecordingResult> {
  constructor(
    readonly franchiseId: string,
    readonly body: RecordReleaseDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
