import { AnyClaimKind, CLAIM_KIND_LIST, ClaimBody, CommandContext, RecordClaimCommand } from '@app/commands';
import { Body, Controller, Param, Post, Res, UseInterceptors, applyDecorators } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RequiresScope } from './api-key.guard';
import { ReadYourWritesInterceptor } from './read-your-writes.interceptor';
import { RecordingResponse, answer } from './recording-response';
import { WriteContext } from './request-context';

/** The OpenAPI description and route of one kind's endpoint, from its row of the claim-kind table. */
const ClaimEndpoint = (kind: AnyClaimKind) =>
  applyDecorators(
    Post(kind.route),
    RequiresScope(kind.scope ?? 'write'),
    ApiOperation({ summary: kind.summary }),
    ApiBody({ type: kind.body }),
    // Class-level Swagger decorators only reach the methods that exist when they run: not these.
    ApiParam({ name: 'franchiseId', example: 'balle-perdue' }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'Append only if the franchise is still at this revision (its ETag)',
    }),
    ApiResponse({ status: 201, type: RecordingResponse, description: 'Recorded' }),
    ApiResponse({ status: 200, type: RecordingResponse, description: 'Already recorded: the original answer' }),
    ApiResponse({ status: 400, description: 'Invalid body (problem+json naming each field)' }),
    ApiResponse({ status: 404, description: 'Unknown franchise' }),
    ApiResponse({ status: 409, description: 'The event id is already used for another claim' }),
    ApiResponse({ status: 412, description: 'The franchise moved past the If-Match revision' }),
    ApiResponse({
      status: 422,
      description: 'The claim breaks a rule (unknown source or film, date after publication)',
    }),
  );

/** One endpoint per kind of claim, each citing the source that made it; the routes are added below, from the table. */
@ApiTags('claims')
@Controller('franchises/:franchiseId')
@UseInterceptors(ReadYourWritesInterceptor)
export class ClaimsController {
  constructor(private readonly commandBus: CommandBus) {}

  async record(
    kind: AnyClaimKind,
    franchiseId: string,
    body: ClaimBody,
    context: CommandContext,
    reply: FastifyReply,
  ): Promise<RecordingResponse> {
    return answer(reply, await this.commandBus.execute(new RecordClaimCommand(kind, franchiseId, body, context)));
  }
}

/**
 * A route method per row of the claim-kind table, decorated as a hand-written one would be. Nest
 * validates a body and documents it by the parameter's design type, which a shared method cannot
 * have, so each row gets its own method, built here rather than copied nine times.
 */
for (const kind of CLAIM_KIND_LIST) {
  // Named after the import command (`record-release` → `recordRelease`): one name less to keep.
  const name = kind.importCommand.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
  const prototype = ClaimsController.prototype;
  // A computed method name, so the function itself is called `name`: OpenAPI's operationId comes from it.
  const method = {
    [name](this: ClaimsController, franchiseId: string, body: ClaimBody, context: CommandContext, reply: FastifyReply) {
      return this.record(kind, franchiseId, body, context, reply);
    },
  }[name];
  Object.defineProperty(prototype, name, { value: method });
  Reflect.defineMetadata('design:paramtypes', [String, kind.body, Object, Object], prototype, name);
  Param('franchiseId')(prototype, name, 0);
  Body()(prototype, name, 1);
  WriteContext()(prototype, name, 2);
  Res({ passthrough: true })(prototype, name, 3);
  ClaimEndpoint(kind)(prototype, name, Object.getOwnPropertyDescriptor(prototype, name)!);
}
