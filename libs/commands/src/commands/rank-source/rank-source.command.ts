import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { RankSourceDto } from './rank-source.dto';

/** Records a `SourceReliabilityRanked` event in the source's stream. */
export class RankSourceCommand extends Command<RecordingResult> {
  constructor(
    readonly sourceId: string,
    readonly body: RankSourceDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
