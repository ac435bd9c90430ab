import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { CreateFranchiseDto } from './create-franchise.dto';

/** Opens a franchise's stream; the same details again are a no-op, other details a conflict. */
export class CreateFranchiseCommand extends Command<RecordingResult> {
  constructor(
    readonly body: CreateFranchiseDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
