import { Type } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import { AnyClaimKind, CLAIM_KIND_LIST, ClaimBody } from '../claims/claim-kinds';
import { RecordClaimCommand } from '../claims/record-claim.command';
import { CommandContext } from '../command-context';
import { CreateFranchiseCommand } from '../commands/create-franchise/create-franchise.command';
import { CreateFranchiseDto } from '../commands/create-franchise/create-franchise.dto';
import { RegisterSourceCommand } from '../commands/register-source/register-source.command';
import { RegisterSourceDto } from '../commands/register-source/register-source.dto';
import { RecordingResult } from '../recording-result';

/** How a command named in an import line is validated and built. */
export interface CatalogEntry<D extends object = object> {
  dto: Type<D>;
  /** Claims name their franchise in `franchiseId`; the HTTP API takes it from the path. */
  franchiseScoped: boolean;
  build(dto: D, context: CommandContext, franchiseId: string): Command<RecordingResult>;
}

const standalone = <D extends object>(
  dto: Type<D>,
  command: new (dto: D, context: CommandContext) => Command<RecordingResult>,
): CatalogEntry<D> => ({ dto, franchiseScoped: false, build: (body, context) => new command(body, context) });

const claim = (kind: AnyClaimKind): CatalogEntry<ClaimBody> => ({
  dto: kind.body,
  franchiseScoped: true,
  build: (body, context, franchiseId) => new RecordClaimCommand(kind, franchiseId, body, context),
});

/** Every command the NDJSON import understands, by the name an import line gives it; claims come from the claim-kind table. */
export const IMPORT_CATALOG: Record<string, CatalogEntry<any>> = {
  'create-franchise': standalone(CreateFranchiseDto, CreateFranchiseCommand),
  'register-source': standalone(RegisterSourceDto, RegisterSourceCommand),
  ...Object.fromEntries(CLAIM_KIND_LIST.map((kind) => [kind.importCommand, claim(kind)])),
};
