import { RecordingResult } from '@app/commands';
import { ApiProperty } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';

export class RecordingResponse {
  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ description: 'Revision of the stream after this event', example: 3 })
  revision!: number;

  @ApiProperty({ description: 'Position in the global log (opaque)', example: '42' })
  position!: string;
}

/** 201 when this call recorded the event; 200 with the original answer when it was already recorded. */
export function answer(reply: FastifyReply, result: RecordingResult): RecordingResponse {
  reply.status(result.created ? 201 : 200);
  return { eventId: result.eventId, revision: result.revision, position: result.position };
}
