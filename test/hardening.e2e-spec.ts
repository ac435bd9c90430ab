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
      expect((await http.get('/franchises')).body.map((f: any) => f.franchiseId)).toHaveLength(2 + 3 + 1);
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
      const before = (await http.get('/franchises')).body.length;
      const huge = JSON.stringify({ id: 'huge', title: 'x'.repeat(50 * 1024 * 1024) });

      const answer = await http.post('/franchises', huge, { 'content-type': 'application/json' });

      expect(answer.status).toBe(413);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect((await http.get('/health')).status).toBe(200);
      expect((await http.get('/franchises')).body.length).toBe(before);
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
});
