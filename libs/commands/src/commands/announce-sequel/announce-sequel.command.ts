import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { AnnounceSequelDto } from './announce-sequel.dto';

/** Records a `SequelAnnounced` claim in the franchise's stream. */
export class AnnounceSequelCommand extends Command<RecordingResult> {
  constructor(
    readonly franchiseId: string,
    readonly body: AnnounceSequelDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
