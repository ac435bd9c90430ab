import { EVENT_STORE } from '@app/event-store';
import { READ_MODEL_DATABASE } from '@app/projections';
import type Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningApp, client, startApp } from './support/test-app';

/**
 * A full disk, emulated with SQLite's max_page_count on one connection: the file may not grow
 * past the pages it has, as on a disk with no space left. Raising it again is the space coming back.
 */
function fill(db: Database.Database): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
}
function makeRoom(db: Database.Database): void {
  db.pragma('max_page_count = 1073741823');
}

/** The event store's own connection (the SQLite adapter's), which the port does not show. */
const storeConnection = (running: RunningApp) =>
  (running.app.get(EVENT_STORE) as unknown as { db: Database.Database }).db;

async function eventually(condition: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not true within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const franchise = (n: number) => ({ id: `full-${n}`, title: `A franchise with a longish title to fill pages, ${n}` });

describe('a full disk', () => {
  let running: RunningApp;
  const http = client(() => running);
  afterEach(() => running.dispose());

  it('answers a write it cannot store with 507 problem+json and Retry-After, loses nothing acknowledged, and takes writes again once there is space', async () => {
    const lines: string[] = [];
    running = await startApp({ logTo: { write: (line: string) => lines.push(line) } });
    const listed = async () => (await http.all('/franchises?limit=1000', 'franchises')).map((f) => f.id) as string[];
    const before = await listed();
    fill(storeConnection(running));

    const acknowledged: string[] = [];
    let refused: Awaited<ReturnType<typeof http.post>> | undefined;
    for (let n = 0; n < 500 && !refused; n++) {
      const answer = await http.post('/franchises', franchise(n), { 'x-request-id': `write-${n}` });
      if (answer.status === 201) acknowledged.push(franchise(n).id);
      else refused = answer;
    }

    expect(refused?.status).toBe(507);
    expect(refused?.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused?.body).toMatchObject({ status: 507, type: '/problems/store-full' });
    expect(JSON.stringify(refused?.body)).not.toMatch(/SQLITE|\.db|at .*\.js/);
    const refusedId = franchise(acknowledged.length).id;
    // Loud in the log, under the id of the request refused.
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({
        level: 50,
        reqId: `write-${acknowledged.length}`,
        msg: expect.stringContaining('no space left'),
      }),
    );
    expect((await http.get(`/franchises/${refusedId}`)).status).toBe(404);
    expect(await listed()).toEqual(expect.arrayContaining([...before, ...acknowledged]));
    expect((await listed()).length).toBe(before.length + acknowledged.length);
    expect((await http.get('/health')).status).toBe(200);
    expect((await http.get('/franchises/balle-perdue/state')).status).toBe(200);

    makeRoom(storeConnection(running));

    expect((await http.post('/franchises', franchise(acknowledged.length))).status).toBe(201);
    expect((await http.get(`/franchises/${refusedId}`)).status).toBe(200);
  });

  it('keeps storing events while the read models cannot follow, reports their lag in /health, and catches up once there is space', async () => {
    running = await startApp({
      env: { READ_MODEL_DB: join(tmpdir(), `rm-full-${process.pid}-${Date.now()}.db`), HEALTH_MAX_LAG: '0' },
    });
    const readModels = running.app.get<Database.Database>(READ_MODEL_DATABASE);
    fill(readModels);

    // Writes in rounds of 20 until the read models run out of space. Each write waits for its read
    // models (read-your-writes) a few seconds at most, then answers: it is stored either way.
    let written = 0;
    while (written < 600 && !((await http.get('/health')).body.lag > 0)) {
      const round = Array.from({ length: 20 }, (_, n) => http.post('/franchises', franchise(written + n)));
      expect((await Promise.all(round)).map((a) => a.status)).toEqual(round.map(() => 201));
      written += round.length;
    }
    const health = (await http.get('/health')).body;
    expect(health).toMatchObject({
      status: 'degraded',
      store: { reachable: true },
      problem: 'no space left for the read models',
    });
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'error', error: { readModels: { status: 'down' } } });
    expect(ready.body.error.readModels.lag).toBeGreaterThan(0);
    expect((await http.get('/health/live')).status).toBe(200);
    // Reads go on, from what the read models hold.
    expect((await http.get('/franchises/balle-perdue/state')).status).toBe(200);

    makeRoom(readModels);

    await eventually(async () => (await http.get('/health')).body.lag === 0);
    expect((await http.get('/health')).body).toMatchObject({ status: 'ok', subscription: 'live' });
    expect((await http.get('/health/ready')).status).toBe(200);
    for (let n = 0; n < written; n++) expect((await http.get(`/franchises/full-${n}`)).status).toBe(200);
  }, 60_000);
});
