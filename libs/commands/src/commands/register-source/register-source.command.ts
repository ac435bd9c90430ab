import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { RegisterSourceDto } from './register-source.dto';

/** Registers a source (an article) that claims may cite. */
export class RegisterSourceCommand extends Command<RecordingResult> {
  constructor(
    readonly body: RegisterSourceDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
