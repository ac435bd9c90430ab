import { ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '..');
const { BUNDLES } = require('../scripts/bundle.js') as { BUNDLES: Record<'api', { entry: string; outfile: string }> };
const exec = promisify(execFile);

/** What `npm start` runs: the API bundled into one file by scripts/bundle.js, in a process of its own. */
describe('the bundled API (npm start)', () => {
  let dir: string;
  let api: ChildProcess;
  let origin: string;

  beforeAll(async () => {
    // Compiled by the CLI's launcher when a source changed since the last build, then bundled if older.
    await exec('node', [join(ROOT, 'bin/franchise-timeline.js'), 'help'], { cwd: ROOT, timeout: 120_000 });
    const [entry, outfile] = [join(ROOT, BUNDLES.api.entry), join(ROOT, BUNDLES.api.outfile)];
    if (!existsSync(outfile) || statSync(outfile).mtimeMs < statSync(entry).mtimeMs) {
      await exec('node', [join(ROOT, 'scripts/bundle.js'), 'api'], { cwd: ROOT, timeout: 120_000 });
    }
    dir = mkdtempSync(join(tmpdir(), 'bundled-api-'));
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    api = spawn(process.execPath, [join(ROOT, BUNDLES.api.outfile)], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        TIMELINE_DB: join(dir, 'timeline.db'),
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (api.exitCode !== null) throw new Error(`the bundled API exited with ${api.exitCode}`);
      if (Date.now() > deadline) throw new Error('the bundled API did not answer within 30 s');
      const answer = await fetch(`${origin}/health`).catch(() => undefined);
      if (answer?.status === 200) break;
      await new Promise((done) => setTimeout(done, 50));
    }
  }, 180_000);

  afterAll(async () => {
    if (api && api.exitCode === null) {
      // Its graceful close is another suite's; this one only needs the process gone.
      api.kill('SIGKILL');
      await once(api, 'exit');
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['the seeded state', '/franchises/balle-perdue/state', 'application/json'],
    ['the page', '/', 'text/html'],
    ['the API documentation', '/docs', 'text/html'],
    ['Swagger UI’s files, from where the package is installed', '/docs/swagger-ui-bundle.js', 'javascript'],
    ['the OpenAPI document', '/docs-json', 'application/json'],
  ])('serves %s', async (_, path, type) => {
    const answer = await fetch(`${origin}${path}`);

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain(type);
  });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}
