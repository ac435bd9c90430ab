import { connect } from 'node:net';
import { hrtime } from 'node:process';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Sample, percentile } from './harness';

/**
 * A closed-loop HTTP/1.1 load generator: `connections` keep-alive sockets, each sending its
 * next GET as soon as the previous answer is in, until `maxRequests` or `maxMs`.
 *
 * It runs in a worker thread so that it does not share the server's event loop: in the same
 * thread each request would cost the server the client's work too. It speaks raw HTTP over
 * `net` because Node's fetch (undici) manages ~4k req/s on this machine and `http.request`
 * ~15k, both below what the bare-Fastify baseline serves: the baseline would measure the
 * client and compress every ratio towards 1.
 */
export interface LoadTarget {
  port: number;
  path: string;
  connections: number;
  maxRequests: number;
  maxMs: number;
}

export interface LoadResult extends Sample {
  bodyBytes: number;
  /** The first few failures (non-200 answers, resets); any at all voids the round. */
  errors: string[];
}

const WORKER_FLAG = 'timelineBenchLoadGenerator';

/** Main-thread handle on the worker; one round at a time. */
export class LoadGenerator {
  private readonly worker = new Worker(__filename, { workerData: { [WORKER_FLAG]: true } });

  run(target: LoadTarget): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (result: LoadResult) => {
        this.worker.off('error', onError);
        if (result.errors.length > 0) reject(new Error(`load round failed: ${result.errors.join('; ')}`));
        else resolve(result);
      });
      this.worker.postMessage(target);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

async function round(target: LoadTarget): Promise<LoadResult> {
  const latencies = new Float64Array(target.maxRequests);
  const errors: string[] = [];
  const request = Buffer.from(
    `GET ${target.path} HTTP/1.1\r\nHost: 127.0.0.1:${target.port}\r\nAccept: application/json\r\n\r\n`,
    'latin1',
  );
  const start = hrtime.bigint();
  const deadline = start + BigInt(target.maxMs * 1e6);
  let issued = 0;
  let done = 0;
  let bodyBytes = 0;
  const fail = (message: string) => errors.length < 5 && errors.push(message);

  const connection = () =>
    new Promise<void>((resolve) => {
      const socket = connect(target.port, '127.0.0.1');
      socket.setNoDelay(true);
      let buffer: Buffer = Buffer.alloc(0);
      let sentAt = 0n;
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        socket.end();
        resolve();
      };
      const send = () => {
        if (issued >= target.maxRequests || hrtime.bigint() >= deadline || errors.length > 0) return finish();
        issued += 1;
        sentAt = hrtime.bigint();
        socket.write(request);
      };
      // A server that stops answering fails the round instead of hanging the bench.
      socket.setTimeout(target.maxMs + 5000, () => {
        fail('no answer within the round');
        finish();
      });
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
        // At most one answer is outstanding per socket (no pipelining), but it may arrive in pieces.
        const headEnd = buffer.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const head = buffer.subarray(0, headEnd).toString('latin1');
        const length = /\r\ncontent-length: *(\d+)/i.exec(head);
        if (!length) {
          fail('answer without content-length');
          return finish();
        }
        const total = headEnd + 4 + Number(length[1]);
        if (buffer.length < total) return;
        const status = head.slice(9, 12);
        if (status !== '200') fail(`status ${status}`);
        latencies[done++] = Number(hrtime.bigint() - sentAt) / 1e6;
        bodyBytes = Number(length[1]);
        buffer = buffer.subarray(total);
        send();
      });
      socket.on('error', (error) => {
        fail(error.message);
        finish();
      });
      socket.on('close', () => {
        if (!finished) fail('connection closed by the server');
        finish();
      });
    });

  await Promise.all(Array.from({ length: target.connections }, connection));
  const seconds = Number(hrtime.bigint() - start) / 1e9;
  return {
    ops: done,
    seconds,
    opsPerSec: done / seconds,
    p99Ms: percentile(latencies.subarray(0, done), 0.99),
    bodyBytes,
    errors,
  };
}

if (!isMainThread && workerData?.[WORKER_FLAG]) {
  parentPort!.on('message', (target: LoadTarget) => {
    round(target).then(
      (result) => parentPort!.postMessage(result),
      (error: unknown) =>
        parentPort!.postMessage({ ops: 0, seconds: 0, opsPerSec: 0, bodyBytes: 0, errors: [String(error)] }),
    );
  });
}
