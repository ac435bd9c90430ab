import { ApiKeys } from '@app/commands';
import { RunningApp, client, startApp } from './support/test-app';

const newFranchise = () => ({ id: `rl-${Math.random().toString(36).slice(2, 10)}`, title: 'Rate limited' });

describe('hardening', () => {
  describe('write rate limits', () => {
    let running: RunningApp;
    const http = client(() => running);
    const keyOf = async (principal: string) =>
      `Bearer ${(await running.app.get(ApiKeys).issue(principal, ['write'], { recordedBy: 'system:e2e' })).token}`;

    afterEach(() => running.dispose());

    it('answers 429 problem+json with Retry-After once a key has made its writes of the minute, and lets other keys write', async () => {
      running = await startApp({ env: { WRITE_RATE_LIMIT_PER_KEY: '3', WRITE_RATE_LIMIT_PER_ADDRESS: '100' } });
      const [first, second] = [await keyOf('first'), await keyOf('second')];

      for (let i = 0; i < 3; i++) {
        expect((await http.post('/franchises', newFranchise(), { authorization: first })).status).toBe(201);
      }
      const limited = await http.post('/franchises', newFranchise(), { authorization: first });

      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(limited.body).toMatchObject({ status: 429, type: '/problems/rate-limited' });
      expect((await http.post('/franchises', newFranchise(), { authorization: second })).status).toBe(201);
      expect((await http.get('/franchises')).body.franchises).toHaveLength(2 + 3 + 1);
    });

    it('limits the writes of one client address whatever key it uses, and never its reads', async () => {
      running = await startApp({ env: { WRITE_RATE_LIMIT_PER_KEY: '100', WRITE_RATE_LIMIT_PER_ADDRESS: '2' } });
      const keys = [await keyOf('a'), await keyOf('b'), await keyOf('c')];

      const statuses = [];
      for (const key of keys)
        statuses.push((await http.post('/franchises', newFranchise(), { authorization: key })).status);

      expect(statuses).toEqual([201, 201, 429]);
      for (let i = 0; i < 10; i++) expect((await http.get('/franchises/balle-perdue/state')).status).toBe(200);
    });
  });

  describe('headers, CORS and body size', () => {
    let running: RunningApp;
    const http = client(() => running);

    beforeAll(async () => {
      running = await startApp({ env: { CORS_ORIGINS: 'https://wiki.example.org' } });
    });
    afterAll(() => running.dispose());

    it('sends security headers (helmet) on every answer', async () => {
      for (const path of ['/health', '/franchises/balle-perdue/state', '/franchises/nope/state']) {
        const { headers } = await http.get(path);

        expect(headers.get('x-content-type-options')).toBe('nosniff');
        expect(headers.get('strict-transport-security')).toContain('max-age=');
        expect(headers.get('content-security-policy')).toContain("default-src 'self'");
        expect(headers.get('x-powered-by')).toBeNull();
      }
    });

    it('lets no inline script run, on the page at / as on the API documentation at /docs, which have none', async () => {
      for (const path of ['/', '/docs', '/franchises/balle-perdue/state']) {
        const directives = (await fetch(`${running.url}${path}`)).headers.get('content-security-policy')!.split(';');

        expect(directives.filter((d) => d.startsWith('script-src'))).toEqual([
          "script-src 'self'",
          "script-src-attr 'none'",
        ]);
      }
      // What lets them run under it: their scripts are files.
      for (const path of ['/', '/docs']) {
        const page = await fetch(`${running.url}${path}`);
        const scripts = (await page.text()).match(/<script\b[^>]*>/g) ?? [];

        expect(page.status).toBe(200);
        expect(scripts.length).toBeGreaterThan(0);
        expect(scripts.filter((tag) => !/\ssrc=/.test(tag))).toEqual([]);
      }
    });

    it('allows a configured origin to call from a browser, and no other', async () => {
      const preflight = (origin: string) =>
        fetch(`${running.url}/franchises`, {
          method: 'OPTIONS',
          headers: { origin, 'access-control-request-method': 'POST' },
        });

      expect((await preflight('https://wiki.example.org')).headers.get('access-control-allow-origin')).toBe(
        'https://wiki.example.org',
      );
      expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers a 50 MB body with 413 problem+json, records nothing and stays up', async () => {
      const before = (await http.get('/franchises')).body.franchises.length;
      const huge = JSON.stringify({ id: 'huge', title: 'x'.repeat(50 * 1024 * 1024) });

      const answer = await http.post('/franchises', huge, { 'content-type': 'application/json' });

      expect(answer.status).toBe(413);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect((await http.get('/health')).status).toBe(200);
      expect((await http.get('/franchises')).body.franchises.length).toBe(before);
    });
  });

  describe('without CORS_ORIGINS', () => {
    let running: RunningApp;

    beforeAll(async () => {
      running = await startApp();
    });
    afterAll(() => running.dispose());

    it('lets no browser origin call the API', async () => {
      const answer = await fetch(`${running.url}/franchises`, {
        method: 'OPTIONS',
        headers: { origin: 'https://wiki.example.org', 'access-control-request-method': 'POST' },
      });

      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('logs', () => {
    let running: RunningApp;
    const http = client(() => running);
    let lines: string[];
    const logTo = { write: (line: string) => lines.push(line) };
    const logged = () => lines.map((line) => JSON.parse(line));
    const requestLines = () => logged().filter((entry) => entry.msg === 'request completed');

    beforeEach(() => {
      lines = [];
    });
    afterEach(() => running.dispose());

    it('writes one JSON object per line, each request with its X-Request-Id, method, URL and status', async () => {
      running = await startApp({ logTo, env: { LOG_LEVEL: 'log' } });

      await http.get('/franchises/balle-perdue/state', { 'x-request-id': 'trace-42' });

      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((line) => line.endsWith('\n') && !line.trimEnd().includes('\n'))).toBe(true);
      expect(requestLines()).toContainEqual(
        expect.objectContaining({
          level: 30,
          reqId: 'trace-42',
          req: { method: 'GET', url: '/franchises/balle-perdue/state', remoteAddress: '127.0.0.1' },
          res: { statusCode: 200 },
          responseTime: expect.any(Number),
        }),
      );
    });

    it('logs no key, good, bad or revoked, and no Authorization header', async () => {
      running = await startApp({ logTo, env: { LOG_LEVEL: 'verbose' } });
      const revoked = await running.app.get(ApiKeys).issue('leaver', ['write'], { recordedBy: 'system:e2e' });
      await running.app.get(ApiKeys).revoke('leaver', { recordedBy: 'system:e2e' });
      const bad = 'tlk_0123456789abcdef_notarealsecretnotarealsecretnotarealsecret0';

      expect((await http.post('/franchises', newFranchise())).status).toBe(201);
      for (const key of [bad, revoked.token]) {
        expect((await http.post('/franchises', newFranchise(), { authorization: `Bearer ${key}` })).status).toBe(401);
      }

      const log = lines.join('');
      expect(requestLines().length).toBeGreaterThanOrEqual(3);
      for (const secret of [running.key, bad, revoked.token, revoked.token.slice('tlk_0123456789abcdef_'.length)]) {
        expect(log).not.toContain(secret);
      }
      expect(log.toLowerCase()).not.toContain('authorization');
      expect(log).not.toContain('Bearer');
    });

    it('names a request by a fresh id when its X-Request-Id is not a plain id, never by the header', async () => {
      running = await startApp({ logTo, env: { LOG_LEVEL: 'log' } });

      expect((await http.get('/franchises', { 'x-request-id': '<script>alert(1)</script>' })).status).toBe(400);

      const [line] = requestLines();
      expect(line.reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines.join('')).not.toContain('<script>');
    });

    it('logs at the configured level: warnings only, no request lines, with LOG_LEVEL=warn', async () => {
      running = await startApp({ logTo, env: { LOG_LEVEL: 'warn' } });

      await http.get('/franchises');

      expect(logged().filter((entry) => entry.level < 40)).toEqual([]);
      expect(requestLines()).toEqual([]);
    });
  });
});
