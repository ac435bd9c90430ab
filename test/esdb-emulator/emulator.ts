/**
 * An in-process EventStoreDB protocol emulator for tests and local runs: a gRPC server speaking
 * the Streams, ServerFeatures and Gossip services the official client (@eventstore/db-client) uses,
 * over real gRPC, with EventStoreDB's documented semantics. Storage is in memory and lost on stop.
 * See README.md beside this file for what is and is not emulated.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Server, ServerCredentials, type ServerErrorResponse, status as GrpcStatus } from '@grpc/grpc-js';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { type IStreamsServer, StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { append, batchAppend } from './append';
import { ActiveCalls } from './calls';
import { deleteStream, tombstone } from './delete';
import { invalidArgumentError } from './errors';
import { readGossip } from './gossip';
import { EventLog } from './log';
import { read } from './read';
import { readRequest } from './read-options';
import { getSupportedMethods } from './server-features';
import { metastreamOf, METADATA_EVENT_TYPE } from './stream-metadata';
import { subscribe } from './subscriptions';

export interface EsdbEmulatorOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string;
  /**
   * List Streams/BatchAppend among the supported methods, as EventStoreDB 21.10+ does (default true):
   * the client then appends through BatchAppend unless a call passes credentials. False makes every
   * append go through Streams/Append.
   */
  readonly batchAppend?: boolean;
  /** Largest total size of one append, in bytes (server default 1 MiB). */
  readonly maxAppendSize?: number;
  /**
   * Write a `$statsCollected` event to `$stats-<host>:<port>` every so many ms, as the server does
   * every 30 s. Default 0: only once at start, so that tests see a stable $all.
   */
  readonly statsPeriodMs?: number;
  /**
   * Test-only fault injection, default 0 (off): subscriptions deliver each live event this many ms
   * after its commit, so that readers of subscriptions lag behind appends as they may on a real cluster.
   */
  readonly liveDelayMs?: number;
  /** The storage of an earlier emulator: starting on it is a server restart that keeps its data. */
  readonly log?: EventLog;
}

export interface EsdbEmulator {
  readonly port: number;
  /** e.g. `esdb://127.0.0.1:2113?tls=false` */
  readonly connectionString: string;
  /** The storage, to start another emulator on (see `log` in the options). */
  readonly log: EventLog;
  /** How many calls each method received so far, e.g. `{ 'Streams/BatchAppend': 3 }` (to check which path a client took). */
  requestCounts(): Record<string, number>;
  /** Fails open calls with UNAVAILABLE, closes connections and the port. */
  stop(): Promise<void>;
}

const SHUTDOWN_GRACE_MS = 2_000;

export async function startEsdbEmulator(options: EsdbEmulatorOptions = {}): Promise<EsdbEmulator> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? new EventLog();
  const calls = new ActiveCalls();
  const context = { log, calls, maxAppendSize: options.maxAppendSize ?? 1024 * 1024 };
  const clientHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let port = 0;
  const counts: Record<string, number> = {};
  const counted =
    <A extends unknown[]>(method: string, handler: (...args: A) => void) =>
    (...args: A): void => {
      counts[method] = (counts[method] ?? 0) + 1;
      handler(...args);
    };

  const streams: IStreamsServer = {
    read: counted('Streams/Read', (call) => {
      const scope = calls.track(call);
      const request = readRequest(call.request.getOptions());
      const readOptions = call.request.getOptions();
      if (typeof request === 'string' || !readOptions) {
        if (!scope.signal.aborted) call.emit('error', invalidArgumentError(String(request)));
        return scope.release();
      }
      const run =
        request.count === undefined
          ? subscribe(call, readOptions, request.plan, log, scope.signal, options.liveDelayMs)
          : read(call, readOptions, request, log, scope.signal);
      run
        .catch((error: unknown) => {
          if (!scope.signal.aborted) call.emit('error', internalError(error));
        })
        .finally(scope.release);
    }),
    append: counted('Streams/Append', append(context)),
    batchAppend: counted('Streams/BatchAppend', batchAppend(context)),
    delete: counted('Streams/Delete', deleteStream(log)),
    tombstone: counted('Streams/Tombstone', tombstone(log)),
  };

  const server = new Server();
  server.addService(StreamsService, streams);
  server.addService(ServerFeaturesService, {
    getSupportedMethods: counted(
      'ServerFeatures/GetSupportedMethods',
      getSupportedMethods({ batchAppend: options.batchAppend ?? true }),
    ),
  });
  server.addService(GossipService, {
    read: counted(
      'Gossip/Read',
      readGossip(() => ({ host: clientHost, port })),
    ),
  });

  port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`${host}:${options.port ?? 0}`, ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );

  const writeStats = systemEvents(log, `$stats-${clientHost}:${port}`);
  const statsTimer = options.statsPeriodMs ? setInterval(writeStats, options.statsPeriodMs).unref() : undefined;

  let stopping: Promise<void> | undefined;
  return {
    port,
    connectionString: `esdb://${clientHost}:${port}?tls=false`,
    log,
    requestCounts: () => ({ ...counts }),
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        clearInterval(statsTimer);
        calls.stopAll();
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, SHUTDOWN_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      })),
  };
}

/**
 * System events a fresh server has in $all, so that filters (excludeSystemEvents, stream prefixes)
 * have something to exclude: the stats stream's metadata and a first `$statsCollected` event.
 * Returns the function writing further stats events.
 */
function systemEvents(log: EventLog, statsStream: string): () => void {
  const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value), 'utf8');
  const system = (type: string, data: Uint8Array) => ({
    id: randomUUID(),
    type,
    isJson: true,
    data,
    metadata: new Uint8Array(0),
  });
  log.write(metastreamOf(statsStream), [system(METADATA_EVENT_TYPE, json({ $maxAge: 86_400 }))]);
  const startedAt = new Date().toISOString();
  const writeStats = (): void => {
    log.write(statsStream, [
      system(
        '$statsCollected',
        json({
          'proc-startTime': startedAt,
          'proc-id': process.pid,
          'sys-hostName': hostname(),
          'proc-mem': process.memoryUsage().rss,
          'es-emulator': true,
        }),
      ),
    ]);
  };
  writeStats();
  return writeStats;
}

const internalError = (error: unknown): ServerErrorResponse =>
  Object.assign(new Error(String(error)), {
    code: GrpcStatus.INTERNAL,
    details: `EventStoreDB emulator failure: ${error instanceof Error ? error.message : String(error)}`,
  });
