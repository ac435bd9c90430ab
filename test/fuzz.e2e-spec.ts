import fc from 'fast-check';
import { READ_ENDPOINTS, WRITE_ENDPOINTS } from './support/endpoints';
import { RunningApp, client, startApp } from './support/test-app';

/** What no answer may carry: a stack frame, a source file, SQL or a driver's name. */
const LEAK = /\\n\s*at \S|node_modules|\w\.(?:js|ts):\d+|SQLITE_|\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|better-sqlite3/;

/** Field names the bodies use, so that random bodies reach the validation of real fields. */
const FIELDS = [
  'id',
  'title',
  'name',
  'publishedOn',
  'rank',
  'filmId',
  'views',
  'reachedOn',
  'window',
  'releasedOn',
  'announcedOn',
  'scheduledFor',
  'sourceId',
  'eventId',
  'supersedes',
  'reason',
  'retractedOn',
  'chart',
  'territory',
];
const scalar = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('2020', '2020-06-19', '2020-13-45', '2020/..', '..', 'P28D', 'article-004', 'balle-perdue-1', '9999'),
);
const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(scalar, fc.array(scalar), fc.object()), { maxKeys: 8 }),
  fc.jsonValue(),
  fc.string().map((text) => ({ raw: text })),
  fc.constantFrom({ raw: '{' }, { raw: '{"a":' }, { raw: '[]' }, { raw: '"x"' }, { raw: 'null' }),
);

const QUERY_KEYS = ['asOf', 'knownAt', 'recordedBefore', 'mode', 'policy', 'limit', 'cursor', 'field', 'filmId'];
const query = fc.dictionary(
  fc.oneof(fc.constantFrom(...QUERY_KEYS, 'axis', 'from', 'to'), fc.string({ maxLength: 8 })),
  fc.oneof(fc.string(), fc.constantFrom('2020', '2020-07-01', '2026-11-22T00:00:00Z', '-1', '1000000', 'possible')),
  { maxKeys: 5 },
);

describe('random and malformed input', () => {
  let running: RunningApp;
  const http = client(() => running);
  /** Events in the log, as the projections have applied them (a write answers once they have). */
  const logSize = async () => (await http.get('/health')).body.projections[0].applied as number;

  beforeAll(async () => {
    running = await startApp();
  });
  afterAll(() => running.dispose());

  it.each(WRITE_ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))(
    'never answers %s with a 5xx or a leak, and changes nothing when it refuses (1,000 bodies)',
    async (_, { method, path }) => {
      let size = await logSize();
      await fc.assert(
        fc.asyncProperty(body, async (sent) => {
          const raw = typeof sent === 'object' && sent !== null && 'raw' in sent ? String(sent.raw) : undefined;
          const payload = raw ?? JSON.stringify(sent);
          const headers = { 'content-type': 'application/json' };
          const answer =
            method === 'POST' ? await http.post(path, payload, headers) : await http.put(path, payload, headers);
          const after = await logSize();

          expect(answer.status).toBeLessThan(500);
          expect(JSON.stringify(answer.body ?? '')).not.toMatch(LEAK);
          if (answer.status >= 400) {
            expect(answer.headers.get('content-type')).toContain('application/problem+json');
            expect(after).toBe(size);
          }
          size = after;
        }),
        { numRuns: 1_000 },
      );
    },
    120_000,
  );

  it.each(READ_ENDPOINTS)(
    'never answers GET %s with a 5xx or a leak, whatever the query string (200 queries)',
    async (path) => {
      await fc.assert(
        fc.asyncProperty(query, async (params) => {
          const answer = await http.get(`${path}?${new URLSearchParams(params)}`);

          expect(answer.status).toBeLessThan(500);
          expect(JSON.stringify(answer.body ?? '')).not.toMatch(LEAK);
        }),
        { numRuns: 200 },
      );
    },
    60_000,
  );
});
