import { ProjectionRunner } from '@app/projections';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, mergeMap } from 'rxjs';

/** Holds a write's answer until the read models include it, so the writer's next read shows it. */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly projections: ProjectionRunner) {}

  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      mergeMap(async (body: { position?: string }) => {
        if (body?.position) await this.projections.waitFor(body.position);
        return body;
      }),
    );
  }
}
