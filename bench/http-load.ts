import autocannon from 'autocannon';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Sample, median, percentile } from './harness';

/**
 * HTTP load from autocannon (closed loop: each connection sends its next request when the
 * previous answer is in), run in a worker thread so that the client does not share the
 * server's event loop: in the same thread each request would cost the server the client's
 * work too. Server and client still share the machine's cores.
 */
export interface LoadTarget {
  origin: string;
  connections: number;
  seconds: number;
  /** GET this path, or POST the `posts` bodies. */
  path?: string;
  posts?: PostTarget;
}

/**
 * Writes that must each record something: request i posts `requests[i % requests.length]`,
 * its body's `counter` field set to a number never sent before (a new claim, not a retry).
 */
export interface PostTarget {
  requests: { path: string; body: Record<string, unknown> }[];
  counter: string;
  /** The API key the writes are sent with. */
  key: string;
  /** The first value of `counter`; the worker keeps counting across rounds. */
  from: number;
}

const WORKER_FLAG = 'timelineBenchHttpLoad';

/** Exported by autocannon, not declared by @types/autocannon. */
const aggregate = (
  autocannon as unknown as { aggregateResult(results: unknown[], options: autocannon.Options): autocannon.Result }
).aggregateResult;

/** Main-thread handle on the worker; one round at a time. */
export class HttpLoad {
  private readonly worker = new Worker(__filename, { workerData: { [WORKER_FLAG]: true } });

  run(target: LoadTarget): Promise<Sample> {
    return new Promise((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      this.worker.once('error', onError);
      this.worker.once('message', (result: Sample | { error: string }) => {
        this.worker.off('error', onError);
        if ('error' in result) reject(new Error(`load round failed: ${result.error}`));
        else resolve(result);
      });
      this.worker.postMessage(target);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

let counter: number | undefined;

async function round(target: LoadTarget): Promise<Sample> {
  const { posts } = target;
  counter ??= posts?.from;
  let sent = 0;
  const options: autocannon.Options = {
    url: `${target.origin}${target.path ?? ''}`,
    connections: target.connections,
    duration: target.seconds,
    headers: {
      accept: 'application/json',
      'content-type': 'application/json',
      ...(posts && { authorization: `Bearer ${posts.key}` }),
    },
    ...(posts && {
      method: 'POST',
      requests: [
        {
          setupRequest: (request) => {
            const { path, body } = posts.requests[sent++ % posts.requests.length];
            return { ...request, path, body: JSON.stringify({ ...body, [posts.counter]: (counter = counter! + 1) }) };
          },
        },
      ],
    }),
  };
  // autocannon's percentiles are whole milliseconds (its histogram's unit), too coarse for requests of one or two:
  // each answer's own time (hrtime, fractions of a millisecond) is kept instead.
  const latencies: number[] = [];
  const raw = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 300) latencies.push(responseTime);
    });
  });
  // Inside a worker thread autocannon answers its raw histograms, as its own workers do, for the caller to aggregate.
  const result = aggregate([raw], options);
  const failures = result.non2xx + result.errors + result.timeouts;
  if (failures > 0) throw new Error(`${failures} of ${result.requests.total} requests failed`);
  return {
    ops: result.requests.total,
    seconds: result.duration,
    opsPerSec: result.requests.total / result.duration,
    p50Ms: median(latencies),
    p99Ms: percentile(latencies, 0.99),
  };
}

if (!isMainThread && workerData?.[WORKER_FLAG]) {
  parentPort!.on('message', (target: LoadTarget) => {
    round(target).then(
      (result) => parentPort!.postMessage(result),
      (error: unknown) => parentPort!.postMessage({ error: String(error) }),
    );
  });
}
