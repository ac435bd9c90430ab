import { franchiseStream, sourceStream } from '@app/domain';
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

/**
 * What a command's handler reads and writes: the streams, and a client-chosen event id (the store
 * keeps ids unique across streams, so of two lines naming one id, the earlier one must be recorded).
 * The importer runs a line only after the earlier lines that write what it touches, or read what it writes.
 */
export interface Touches {
  reads: string[];
  writes: string[];
}

/** How a command named in an import line is validated and built. */
export interface CatalogEntry<D extends object = object> {
  dto: Type<D>;
  /** Claims name their franchise in `franchiseId`; the HTTP API takes it from the path. */
  franchiseScoped: boolean;
  build(dto: D, context: CommandContext, franchiseId: string): Command<RecordingResult>;
  /** Kept true to the command's handler: a stream it reads or writes missing here lets lines race. */
  touches(dto: D, franchiseId: string): Touches;
}

/** The key a client-chosen event id is held under, beside the stream ids. */
const clientEventId = (eventId: string) => `event-id:${eventId}`;

const standalone = <D extends object>(
  dto: Type<D>,
  command: new (dto: D, context: CommandContext) => Command<RecordingResult>,
  stream: (dto: D) => string,
): CatalogEntry<D> => ({
  dto,
  franchiseScoped: false,
  build: (body, context) => new command(body, context),
  touches: (body) => ({ reads: [], writes: [stream(body)] }),
});

/** `RecordClaimHandler` reads the cited source's stream (and its origin's) and writes the franchise's. */
const claim = (kind: AnyClaimKind): CatalogEntry<ClaimBody> => ({
  dto: kind.body,
  franchiseScoped: true,
  build: (body, context, franchiseId) => new RecordClaimCommand(kind, franchiseId, body, context),
  touches: ({ sourceId, eventId, basedOn }, franchiseId) => ({
    reads: [sourceStream(sourceId), ...(basedOn ? [sourceStream(basedOn)] : [])],
    // A retraction's `eventId` names the claim it withdraws, in the same franchise's stream.
    writes: [franchiseStream(franchiseId), ...(kind.idFrom === 'body' && eventId ? [clientEventId(eventId)] : [])],
  }),
});

/** Every command the NDJSON import understands, by the name an import line gives it; claims come from the claim-kind table. */
export const IMPORT_CATALOG: Record<string, CatalogEntry<any>> = {
  'create-franchise': standalone(CreateFranchiseDto, CreateFranchiseCommand, (body) => franchiseStream(body.id)),
  'register-source': standalone(RegisterSourceDto, RegisterSourceCommand, (body) => sourceStream(body.id)),
  ...Object.fromEntries(CLAIM_KIND_LIST.map((kind) => [kind.importCommand, claim(kind)])),
};
