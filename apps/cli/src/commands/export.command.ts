import { KEYRING_STREAM } from '@app/domain';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { INestApplicationContext } from '@nestjs/common';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { CliIo, writeTo } from '../cli-io';
import { EXIT_OK } from '../exit-codes';

/**
 * The event log in order, one stored event a line, to stdout or to `--output`: every franchise and
 * source event; not the keyring, whose principals and key hashes are for this deployment only.
 */
export async function exportCommand(
  app: INestApplicationContext,
  args: { output?: string },
  io: CliIo,
): Promise<number> {
  const store = app.get<EventStore>(EVENT_STORE);
  // Opened before the first write, so that a bad path fails at once with its own message.
  const out: Writable = args.output ? (await open(args.output, 'w')).createWriteStream() : io.stdout;
  let count = 0;
  try {
    for await (const { id, type, streamId, revision, position, data, metadata } of store.readAll()) {
      if (streamId === KEYRING_STREAM) continue;
      await writeTo(out, `${JSON.stringify({ id, type, streamId, revision, position, data, metadata })}\n`);
      count += 1;
    }
  } finally {
    if (out !== io.stdout) {
      out.end();
      await finished(out);
    }
  }
  io.stderr.write(`exported ${count} ${count === 1 ? 'event' : 'events'}${args.output ? ` to ${args.output}` : ''}\n`);
  return EXIT_OK;
}
