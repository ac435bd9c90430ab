import { ApiKeys, MissingScopeError, Principal, UnauthenticatedError } from '@app/commands';
import { AppConfig } from '@app/config';
import { Scope } from '@app/domain';
import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyGuard, Public, RequiresScope } from './api-key.guard';

/** Handlers as a controller declares them: with a scope, public, or (a route that forgot) with none. */
class Routes {
  @RequiresScope('write')
  declaresWrite() {}

  @Public()
  declaresPublic() {}

  declaresNothing() {}
}

function guardWith(scopes: Scope[] | undefined, readsNeedKey = false): ApiKeyGuard {
  const keys = {
    authenticate: async (): Promise<Principal | undefined> =>
      scopes && { name: 'newsroom', keyId: '0123456789abcdef', scopes },
  } as unknown as ApiKeys;
  return new ApiKeyGuard(new Reflector(), keys, { auth: { readsNeedKey } } as AppConfig);
}

function call(handler: keyof Routes, method: string, authorization?: string): ExecutionContext {
  const request = { method, headers: authorization === undefined ? {} : { authorization } };
  return {
    getHandler: () => Routes.prototype[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe('ApiKeyGuard', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])(
    'closes a %s route that declares no scope to a write key',
    async (method) => {
      await expect(guardWith(['write']).canActivate(call('declaresNothing', method, 'Bearer k'))).rejects.toEqual(
        new MissingScopeError('admin'),
      );
    },
  );

  it('opens a write route that declares no scope to an admin key only', async () => {
    await expect(guardWith(['admin']).canActivate(call('declaresNothing', 'POST', 'Bearer k'))).resolves.toBe(true);
    await expect(guardWith(undefined).canActivate(call('declaresNothing', 'POST'))).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it('asks a route that declares write for a write key, which an admin key is too', async () => {
    await expect(guardWith(['write']).canActivate(call('declaresWrite', 'POST', 'Bearer k'))).resolves.toBe(true);
    await expect(guardWith(['admin']).canActivate(call('declaresWrite', 'POST', 'Bearer k'))).resolves.toBe(true);
    await expect(guardWith(['read']).canActivate(call('declaresWrite', 'POST', 'Bearer k'))).rejects.toEqual(
      new MissingScopeError('write'),
    );
  });

  it('lets reads through without a key unless reads need one, and public routes always', async () => {
    await expect(guardWith(undefined).canActivate(call('declaresNothing', 'GET'))).resolves.toBe(true);
    await expect(guardWith(undefined, true).canActivate(call('declaresNothing', 'GET'))).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    await expect(guardWith(undefined, true).canActivate(call('declaresPublic', 'POST'))).resolves.toBe(true);
  });
});
