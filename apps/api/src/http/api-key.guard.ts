import { ApiKeys, MissingScopeError, Principal, UnauthenticatedError } from '@app/commands';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Scope, grants } from '@app/domain';
import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';

const REQUIRED = 'timeline:required-scope';
/** The OpenAPI name of the bearer scheme (declared once in the document, referred to per operation). */
export const BEARER = 'api-key';

/** The operation needs a key with `scope`, and says so in the OpenAPI document. */
export const RequiresScope = (scope: Scope) =>
  applyDecorators(
    SetMetadata(REQUIRED, scope),
    ApiBearerAuth(BEARER),
    ApiResponse({ status: 401, description: 'No API key, or one that is not valid or was revoked' }),
    ApiResponse({ status: 403, description: `The key lacks the ${scope} scope` }),
  );

/** The operation never needs a key, even when reads do (health checks). */
export const Public = () => SetMetadata(REQUIRED, 'public');

/** Who made the request, once the guard let it through with a key. */
export function principalOf(request: FastifyRequest): Principal | undefined {
  return (request as FastifyRequest & { principal?: Principal }).principal;
}

/**
 * Checks the API key of every request that needs one: the scope its operation declares; for one
 * that declares none, `read` for a read when reads need keys, and `admin` for any other method,
 * so a write route that forgot its scope is closed rather than open.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const needed = this.needed(context, request.method);
    if (needed === undefined) return true;
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) throw new UnauthenticatedError();
    const principal = await this.keys.authenticate(token);
    if (!principal) throw new UnauthenticatedError('the API key is not valid, or was revoked');
    if (!grants(principal.scopes, needed)) throw new MissingScopeError(needed);
    Object.assign(request, { principal });
    return true;
  }

  private needed(context: ExecutionContext, method: string): Scope | undefined {
    const declared = this.reflector.get<Scope | 'public' | undefined>(REQUIRED, context.getHandler());
    if (declared === 'public') return undefined;
    if (declared) return declared;
    if (method === 'GET' || method === 'HEAD') return this.config.auth.readsNeedKey ? 'read' : undefined;
    return 'admin';
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
