import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { ConfirmTrilogyDto } from './confirm-trilogy.dto';

/** Records a `TrilogyConfirmed` claim in the franchise's stream. */
export class ConfirmTrilogyCommand extends Command<RecordingResult> {
  constructor(
    readonly franchiseId: string,
    readonly body: ConfirmTrilogyDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
