import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../../command-context';
import { RecordingResult } from '../../recording-result';
import { RetractClaimDto } from './retract-claim.dto';

/** Records a `ClaimRetracted` event naming the withdrawn claim. */
export class RetractClaimCommand extends Command<RecordingResult> {
  constructor(
    readonly franchiseId: string,
    readonly body: RetractClaimDto,
    readonly context: CommandContext,
  ) {
    super();
  }
}
