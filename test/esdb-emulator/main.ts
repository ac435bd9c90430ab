/**
 * Stand-alone EventStoreDB emulator for local runs:
 *   node dist-emulator/test/esdb-emulator/main.js [--port 2113] [--host 127.0.0.1]
 *        [--stats-period-ms 30000] [--no-batch-append]
 * Prints the connection string; stops cleanly on SIGINT / SIGTERM. Data lives in memory only.
 */
import { parseArgs } from 'node:util';
import { startEsdbEmulator } from './emulator';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '2113' },
      host: { type: 'string', default: '127.0.0.1' },
      'stats-period-ms': { type: 'string', default: '30000' },
      'no-batch-append': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  const statsPeriodMs = Number(values['stats-period-ms']);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`Invalid --port ${values.port}`);
  if (!Number.isInteger(statsPeriodMs) || statsPeriodMs < 0) throw new Error('Invalid --stats-period-ms');

  const emulator = await startEsdbEmulator({
    port,
    host: values.host,
    statsPeriodMs,
    batchAppend: !values['no-batch-append'],
  });
  console.log(`EventStoreDB emulator listening: ${emulator.connectionString}`);

  const stop = (signal: NodeJS.Signals): void => {
    console.log(`${signal} received, stopping the EventStoreDB emulator`);
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
