import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { ClaimRecorder } from '../../claim-recorder';
import { ConfirmTrilogyCommand } from './confirm-trilogy.command';

@CommandHandler(ConfirmTrilogyCommand)
export class ConfirmTrilogyHandler implements ICommandHandler<ConfirmTrilogyCommand> {
  constructor(private readonly recorder: ClaimRecorder) {}

  execute({ franchiseId, body, context }: ConfirmTrilogyCommand) {
    return this.recorder.record('TrilogyConfirmed', franchiseId, body, context);
  }
}
