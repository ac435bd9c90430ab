import { ApiKeys } from '@app/commands';
import { Scope } from '@app/domain';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../apps/cli/src/main';
import { WRITE_ENDPOINTS } from './support/endpoints';
import { RunningApp, client, startApp } from './support/test-app';
import { STORE_KINDS } from './support/test-store';

/** Runs the CLI in-process on the app's data file, as an operator would from another shell. */
async function cli(running: RunningApp, ...argv: string[]): Promise<string> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const env = { TIMELINE_DB: running.config.eventStore.kind === 'sqlite' ? running.config.eventStore.file : '' };
  const code = await runCli(argv, { stdin: Readable.from([]), stdout, stderr: new PassThrough() }, env);
  if (code !== 0) throw new Error(`cli ${argv.join(' ')} exited ${code}`);
  return Buffer.concat(chunks).toString();
}

describe.each(STORE_KINDS)('API keys (%s)', (kind) => {
  let running: RunningApp;
  const http = client(() => running);
  const issue = async (principal: string, scopes: Scope[]) =>
    (await running.app.get(ApiKeys).issue(principal, scopes, { recordedBy: 'system:e2e' })).token;
  /** How many events the log holds, across the streams writes touch. */
  const recorded = async () => {
    const events = (await http.get('/franchises/balle-perdue/events?limit=1000')).body.events.length;
    const sources = (await http.get('/sources')).body.sources.length;
    const franchises = (await http.get('/franchises')).body.franchises.length;
    return { events, sources, franchises };
  };

  beforeAll(async () => {
    running = await startApp({ kind });
  });
  afterAll(() => running.dispose());

  describe.each(WRITE_ENDPOINTS)('$method $path', ({ method, path, scope, body }) => {
    const send = (authorization: string) =>
      method === 'POST' ? http.post(path, body, { authorization }) : http.put(path, body, { authorization });

    it('answers 401 problem+json, asking for a bearer key, and records nothing without a key or with a wrong one', async () => {
      const before = await recorded();
      for (const authorization of [
        '',
        'Bearer',
        'Basic dXNlcjpwYXNz',
        'Bearer tlk_0000000000000000_' + 'A'.repeat(43),
      ]) {
        const answer = await send(authorization);

        expect(answer.status).toBe(401);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(answer.headers.get('www-authenticate')).toBe('Bearer');
        expect(answer.body).toMatchObject({ status: 401, type: '/problems/unauthenticated' });
      }
      expect(await recorded()).toEqual(before);
    });

    it(`answers 403 to a key without the ${scope} scope, and records nothing`, async () => {
      const before = await recorded();
      // The widest scopes short of the one needed: admin includes write.
      const other: Scope[] = scope === 'admin' ? ['write', 'read'] : ['read'];
      const answer = await send(`Bearer ${await issue(`lacks-${scope}`, other)}`);

      expect(answer.status).toBe(403);
      expect(answer.body).toMatchObject({
        status: 403,
        type: '/problems/forbidden',
        detail: expect.stringContaining(scope),
      });
      expect(await recorded()).toEqual(before);
    });
  });

  it('records the key’s principal as recordedBy', async () => {
    const key = await issue('alice', ['write']);
    const answer = await http.post(
      '/franchises/balle-perdue/viewership-milestones',
      { filmId: 'balle-perdue-1', views: 38_000_000, reachedOn: '2020-08', sourceId: 'article-004' },
      { authorization: `Bearer ${key}` },
    );

    expect(answer.status).toBe(201);
    const events = (await http.get('/franchises/balle-perdue/events?limit=1000')).body.events;
    expect(events.find((e: any) => e.eventId === answer.body.eventId)).toMatchObject({ recordedBy: 'alice' });
  });

  it('serves reads without a key, and health too', async () => {
    expect((await http.get('/franchises/balle-perdue/state', { authorization: '' })).status).toBe(200);
    expect((await http.get('/health', { authorization: '' })).status).toBe(200);
  });

  it('declares the bearer scheme on every write operation of the OpenAPI document, and on no read', async () => {
    const document = (await http.get('/docs-json')).body;
    expect(document.components.securitySchemes['api-key']).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const secured = (operation.security ?? []).some((s: object) => 'api-key' in s);
        expect({ path, method, secured }).toEqual({ path, method, secured: method !== 'get' });
      }
    }
  });

  if (kind === 'sqlite') {
    it('stops a key revoked from the CLI at the next request to the running server', async () => {
      const key = await issue('bob', ['write']);
      const post = () =>
        http.post(
          '/franchises',
          { id: `bob-${Math.random().toString(36).slice(2, 8)}`, title: 'Bob' },
          {
            authorization: `Bearer ${key}`,
          },
        );
      expect((await post()).status).toBe(201);

      expect(await cli(running, 'keys', 'revoke', 'bob')).toContain(`revoked key ${key.split('_')[1]} of bob (write)`);

      const refused = await post();
      expect(refused.status).toBe(401);
      expect(refused.body.detail).toContain('revoked');
    });

    it('issues a key from the CLI, printed last, and lists keys without their secrets', async () => {
      const output = await cli(running, 'keys', 'create', 'carol', '--scopes', 'write,admin');
      const key = output.trim().split(/\s+/).at(-1)!;

      const answer = await http.put(
        '/sources/article-001/reliability',
        { rank: 70 },
        { authorization: `Bearer ${key}` },
      );
      expect(answer.status).toBe(201);
      const listed = JSON.parse(await cli(running, 'keys', 'list'));
      expect(listed).toContainEqual(
        expect.objectContaining({ principal: 'carol', scopes: ['write', 'admin'], issuedAt: expect.any(String) }),
      );
      const text = JSON.stringify(listed);
      expect(text).not.toContain(key.split('_').at(-1));
      expect(text).not.toContain('secretHash');
    });
  }
});

describe('API keys created before the first start', () => {
  it('still seeds the store, which holds no history yet', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'timeline-keys-first-'));
    const created = await runCli(
      ['keys', 'create', 'early-bird', '--scopes', 'write'],
      { stdin: Readable.from([]), stdout: new PassThrough(), stderr: new PassThrough() },
      { TIMELINE_DB: join(dir, 'timeline.db') },
    );
    expect(created).toBe(0);

    const running = await startApp({ dir });
    try {
      expect((await client(() => running).get('/franchises/balle-perdue')).status).toBe(200);
    } finally {
      await running.dispose();
    }
  });
});

describe('API keys for reads', () => {
  let running: RunningApp;
  const http = client(() => running);

  beforeAll(async () => {
    running = await startApp({ env: { READS_NEED_KEY: 'true' } });
  });
  afterAll(() => running.dispose());

  it('asks for a key on every read when configured so, but not on health', async () => {
    const anonymous = await http.get('/franchises/balle-perdue/state', { authorization: '' });
    expect(anonymous.status).toBe(401);
    expect((await http.get('/franchises/balle-perdue/state')).status).toBe(200);
    expect((await http.get('/health', { authorization: '' })).status).toBe(200);
  });
});
