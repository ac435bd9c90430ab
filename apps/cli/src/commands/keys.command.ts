import { ApiKeys } from '@app/commands';
import { INestApplicationContext } from '@nestjs/common';
import { CliArgs } from '../cli-args';
import { CLI_PRINCIPAL } from '../cli-principal';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_OK } from '../exit-codes';

type KeysArgs = Extract<CliArgs, { command: 'keys' }>;

/** `keys create|list|revoke`: the key itself is printed once, last, so a script can take the last word. */
export async function keysCommand(app: INestApplicationContext, args: KeysArgs, io: CliIo): Promise<number> {
  const keys = app.get(ApiKeys);
  const context = { recordedBy: CLI_PRINCIPAL, administers: true, correlationId: `keys-${args.action}` };
  switch (args.action) {
    case 'create': {
      const { token, key } = await keys.issue(args.principal, args.scopes, context);
      await writeTo(
        io.stdout,
        `issued key ${key.keyId} to ${key.principal} (${key.scopes.join(', ')}); it is shown only now:\n${token}\n`,
      );
      break;
    }
    case 'list':
      await writeTo(io.stdout, `${JSON.stringify(await keys.list(), null, 2)}\n`);
      break;
    case 'revoke': {
      const { revoked } = await keys.revoke(args.keyOrPrincipal, context);
      const lines = revoked.map((key) => `revoked key ${key.keyId} of ${key.principal} (${key.scopes.join(', ')})\n`);
      await writeTo(io.stdout, lines.length > 0 ? lines.join('') : `already revoked: ${args.keyOrPrincipal}\n`);
      break;
    }
  }
  return EXIT_OK;
}
