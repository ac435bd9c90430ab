import { ReadModelVersion } from '@app/projections';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { Observable, map, of } from 'rxjs';

/** At most this many answers, and this many bytes of them, are kept; the least recently asked go first. */
const MAX_ANSWERS = 1_000;
const MAX_BYTES = 32 * 1024 * 1024;
/** The headers an answer carries besides its body (the next page's link, the franchise revision). */
const KEPT_HEADERS = ['link', 'etag'] as const;
const JSON_TYPE = 'application/json; charset=utf-8';

interface CachedAnswer {
  version: string;
  body: string;
  headers: [string, string][];
}

/**
 * Serves a read again, serialized, while the read models have not changed since it was
 * answered: the same URL (path, query, cursor) gives the same answer until then. Each instance
 * checks its own read models' version on every request, so nothing is served after a change,
 * whoever made it. Runs before validation: only an answer that passed it is ever kept.
 */
@Injectable()
export class ResponseCacheInterceptor implements NestInterceptor {
  private readonly answers = new LRUCache<string, CachedAnswer>({
    max: MAX_ANSWERS,
    maxSize: MAX_BYTES,
    sizeCalculation: (answer) => answer.body.length || 1,
  });

  constructor(private readonly readModels: ReadModelVersion) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const url = http.getRequest<FastifyRequest>().url;
    const reply = http.getResponse<FastifyReply>();
    const version = this.readModels.current();
    const kept = this.answers.get(url);
    if (kept?.version === version) return of(send(reply, kept));
    return next.handle().pipe(
      map((answer: unknown) => {
        const headers = KEPT_HEADERS.flatMap((name): [string, string][] => {
          const value = reply.getHeader(name);
          return value === undefined ? [] : [[name, String(value)]];
        });
        const fresh = { version, body: JSON.stringify(answer), headers };
        this.answers.set(url, fresh);
        return send(reply, fresh);
      }),
    );
  }
}

function send(reply: FastifyReply, answer: CachedAnswer): string {
  for (const [name, value] of answer.headers) reply.header(name, value);
  reply.header('content-type', JSON_TYPE);
  return answer.body;
}
