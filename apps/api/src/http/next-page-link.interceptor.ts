import { PageInfo } from '@app/queries';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, map } from 'rxjs';

/**
 * For a paged answer: the next page's link, the request's own path and query with the next
 * cursor, in the answer (`page.nextLink`) and as an RFC 8288 `Link: <…>; rel="next"` header.
 */
@Injectable()
export class NextPageLinkInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    return next.handle().pipe(
      map((answer: { page?: PageInfo }) => {
        if (!answer?.page) return answer;
        const link = answer.page.next === null ? null : nextLink(http.getRequest<FastifyRequest>(), answer.page.next);
        if (link) http.getResponse<FastifyReply>().header('Link', `<${link}>; rel="next"`);
        return { ...answer, page: { ...answer.page, nextLink: link } };
      }),
    );
  }
}

function nextLink(request: FastifyRequest, cursor: string): string {
  const url = new URL(request.url, 'http://relative');
  url.searchParams.set('cursor', cursor);
  return `${url.pathname}${url.search}`;
}
