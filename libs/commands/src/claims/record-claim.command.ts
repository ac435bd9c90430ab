import { Command } from '@nestjs/cqrs';
import { CommandContext } from '../command-context';
import { RecordingResult } from '../recording-result';
import { AnyClaimKind, ClaimBody } from './claim-kinds';

/** Records one claim of the given kind in the franchise's stream: the one command of every claim route and import line. */
export class RecordClaimCommand extends Command<RecordingResult> {
  constructor(
    readonly kind: AnyClaimKind,
    readonly franchiseId: string,
    readonly body: ClaimBody,
    readonly context: CommandContext,
  ) {
    super();
  }
}
