import { once } from 'node:events';
import { Readable, Writable } from 'node:stream';

/** The streams a command reads and writes: the process's own, or test doubles. */
export interface CliIo {
  stdin: Readable;
  /** The product: query answers, exported events, summaries. */
  stdout: Writable;
  /** Diagnostics: progress and errors. */
  stderr: Writable;
}

/** Writes and, when the stream's buffer is full, waits for it to drain (a long export into a slow pipe). */
export async function writeTo(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
