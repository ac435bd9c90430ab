import { Agent, IncomingMessage, get } from 'node:http';

/**
 * Listeners for the live-listeners goal, in a process of their own so that reading 500 streams
 * does not cost the server's event loop: `node sse-listeners.js <url> <count>` opens `count`
 * Server-Sent Events streams on `url`, says `ready` once every one has its headers, reads what
 * comes until it is ended (SIGTERM), and fails if any stream fails.
 */
const [url, count] = [process.argv[2], Number(process.argv[3])];
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
let open = 0;
const responses: IncomingMessage[] = [];

for (let i = 0; i < count; i++) {
  get(url, { agent, headers: { accept: 'text/event-stream' } }, (response) => {
    if (response.statusCode !== 200) fail(`stream answered ${response.statusCode}`);
    responses.push(response);
    response.resume();
    if (++open === count) process.stdout.write('ready\n');
  }).on('error', (error) => fail(error.message));
}

process.on('SIGTERM', () => {
  for (const response of responses) response.destroy();
  agent.destroy();
  process.exit(0);
});

function fail(message: string): never {
  process.stderr.write(`sse-listeners: ${message}\n`);
  process.exit(1);
}
