import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimRecorder } from '../../claim-recorder';
import { RecordChartRankingCommand } from './record-chart-ranking.command';

@CommandHandler(RecordChartRankingCommand)
export class RecordChartRankingHandler implements ICommandHandler<RecordChartRankingCommand> {
  constructor(private readonly recorder: ClaimRecorder) {}

  execute({ franchiseId, body, context }: RecordChartRankingCommand) {
    return this.recorder.record('ChartRankingReached', franchiseId, body, context);
  }
}
