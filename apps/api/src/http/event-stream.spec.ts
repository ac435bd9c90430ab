import { EventEmitter } from 'node:events';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Subject } from 'rxjs';
import { MAX_PENDING_BYTES, sendEventStream } from './event-stream';

/** A response whose client reads nothing: what is written waits in it. */
function unreadResponse() {
  const response = Object.assign(new EventEmitter(), {
    head: undefined as { status: number; headers: Record<string, unknown> } | undefined,
    written: [] as string[],
    writableLength: 0,
    destroyed: false,
    ended: false,
    writeHead(status: number, headers: Record<string, unknown>) {
      response.head = { status, headers };
    },
    write(chunk: string) {
      response.written.push(chunk);
      response.writableLength += chunk.length;
      return false;
    },
    destroy() {
      response.destroyed = true;
      response.emit('close');
    },
    end() {
      response.ended = true;
    },
  });
  const socket = { setKeepAlive() {}, setNoDelay() {}, setTimeout() {} };
  const request = { raw: { socket } } as unknown as FastifyRequest;
  const reply = {
    hijack() {},
    raw: response,
    getHeaders: () => ({ 'content-security-policy': "script-src 'self'", 'x-absent': undefined }),
  } as unknown as FastifyReply;
  return { request, reply, response };
}

describe('sendEventStream', () => {
  it('sends the answer’s headers with the event stream’s, then each chunk as it comes', () => {
    const { request, reply, response } = unreadResponse();
    const chunks = new Subject<string>();

    sendEventStream(request, reply, chunks);
    chunks.next('id: 1\nevent: entry\ndata: {}\n\n');

    expect(response.head).toEqual({
      status: 200,
      headers: expect.objectContaining({
        'content-security-policy': "script-src 'self'",
        'content-type': 'text/event-stream',
      }),
    });
    expect(response.head!.headers).not.toHaveProperty('x-absent');
    expect(response.written).toEqual(['\n', 'id: 1\nevent: entry\ndata: {}\n\n']);
  });

  it('drops a client that reads nothing once more than the bound waits for it, and stops listening', () => {
    const { request, reply, response } = unreadResponse();
    const chunks = new Subject<string>();
    sendEventStream(request, reply, chunks);
    const chunk = 'x'.repeat(64 * 1024);

    for (let sent = 0; sent <= MAX_PENDING_BYTES; sent += chunk.length) chunks.next(chunk);

    expect(response.destroyed).toBe(true);
    expect(chunks.observed).toBe(false);
  });

  it('ends the answer when the stream ends, as at shutdown', () => {
    const { request, reply, response } = unreadResponse();
    const chunks = new Subject<string>();
    sendEventStream(request, reply, chunks);

    chunks.complete();

    expect(response.ended).toBe(true);
  });
});
