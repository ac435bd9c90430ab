import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { RecordChartRankingDto } from './record-chart-ranking.dto';

/** Records a `ChartRankingReached` claim in the franchise's stream. */
export class RecordChartRankingCommand extends Command<RecordingResult> {
  constructor(
    readonly franchiseId: string,
    readonly body: RecordChartRankingDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
