import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimRecorder } from '../../claim-recorder';
import { RetractClaimCommand } from './retract-claim.command';

@CommandHandler(RetractClaimCommand)
export class RetractClaimHandler implements ICommandHandler<RetractClaimCommand> {
  constructor(private readonly recorder: ClaimRecorder) {}

  /** The body's `eventId` names the retracted claim; the retraction's own id is derived from its content. */
  execute({ franchiseId, body, context }: RetractClaimCommand) {
    const { eventId: retractedEventId, ...rest } = body;
    const claim = { ...rest, retractedEventId };
    return this.recorder.record('ClaimRetracted', franchiseId, claim, context);
  }
}
