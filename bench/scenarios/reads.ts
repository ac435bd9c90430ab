import { createApp } from '../../apps/api/src/app.factory';
import { DataSet } from '../dataset';
import { Limits, compare, measure } from '../harness';
import { random } from '../generator';
import { GoalRow, costRow } from '../report';
import { serviceConfig } from '../fixtures';

const LIMITS: Limits = { maxOps: 100, maxMs: 200 };
/** Items per page, once lists are paged: small enough that the ~100-claim franchise has a middle page. */
const PAGE = 25;
const DATES_SEED = 42;

/**
 * Reads stay flat: each read of the largest franchise (10,000+ claims) against the same read
 * of a franchise of about 100, through the HTTP application (Fastify's `inject`: routing,
 * validation and serialisation, no socket), by median latency. A list is read by pages when
 * the API takes `limit` and `cursor` (first page, and the middle one reached by cursor);
 * until then whole.
 */
export async function readsScenario(data: DataSet): Promise<GoalRow[]> {
  const app = await createApp({ config: serviceConfig(data.file, 'normal') });
  try {
    const big = data.big;
    const small = data.small[0];
    const sizes = new Map(data.plan.franchises.map((f) => [f.id, f.events]));
    const get = async (url: string) => {
      const answer = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url });
      if (answer.statusCode !== 200) throw new Error(`GET ${url} answered ${answer.statusCode}: ${answer.body}`);
      return answer;
    };
    const paged =
      (await app.getHttpAdapter().getInstance().inject(`/franchises/${small}/timeline?limit=${PAGE}`)).statusCode ===
      200;

    /** A seeded past date (day, month or year) per request, the same sequence for both franchises. */
    const pastDates = () => {
      const rnd = random(DATES_SEED);
      return () => {
        const day = new Date(Date.UTC(2001, 0, 1) + rnd() * 24 * 365 * 86_400_000).toISOString();
        return [day.slice(0, 10), day.slice(0, 7), day.slice(0, 4)][Math.floor(rnd() * 3)];
      };
    };
    const cases: { measured: string; url: (id: string) => Promise<() => string>; bound: number }[] = [
      {
        measured: 'state at a random past date',
        url: async (id) => {
          const next = pastDates();
          return () => `/franchises/${id}/state?asOf=${next()}`;
        },
        bound: 3,
      },
      { measured: 'current state', url: async (id) => () => `/franchises/${id}/state`, bound: 1.5 },
    ];
    for (const list of ['timeline', 'claims']) {
      if (!paged) {
        cases.push({ measured: `${list}, unpaged`, url: async (id) => () => `/franchises/${id}/${list}`, bound: 1.5 });
        continue;
      }
      const first = (id: string) => `/franchises/${id}/${list}?limit=${PAGE}`;
      cases.push({ measured: `${list}, first page of ${PAGE}`, url: async (id) => () => first(id), bound: 1.5 });
      cases.push({
        measured: `${list}, middle page of ${PAGE} (by cursor)`,
        url: async (id) => {
          const middle = await middleCursor(get, first(id), Math.floor(sizes.get(id)! / PAGE / 2));
          return () => `${first(id)}&cursor=${encodeURIComponent(middle)}`;
        },
        bound: 1.5,
      });
    }

    const rows: GoalRow[] = [];
    for (const c of cases) {
      const [bigUrl, smallUrl] = [await c.url(big), await c.url(small)];
      const pair = await compare(
        { label: big, run: () => measure(() => get(bigUrl()), LIMITS) },
        { label: small, run: () => measure(() => get(smallUrl()), LIMITS) },
      );
      rows.push(
        costRow(
          {
            goal: 'Reads stay flat',
            measured: `${c.measured}: ${sizes.get(big)!.toLocaleString('en-US')} vs ${sizes.get(small)} events`,
            explanation:
              `\`GET /franchises/{id}/state\` (at seeded random past dates, and current), \`/timeline\` and \`/claims\`` +
              `${paged ? ` (first page of ${PAGE} and the middle page by cursor)` : ' (unpaged: the API takes no `limit` yet)'}` +
              ' through the HTTP application (`inject`, no socket) on the largest franchise against the same on one of' +
              ' about 100 events, by median latency; lists are read at no date, so with the bound of the current state.',
            target: { op: '≤', value: c.bound },
          },
          pair,
          'p50',
        ),
      );
    }
    return rows;
  } finally {
    await app.close();
  }
}

/** Follows `page.next` from the first page `steps` times; the cursor of the page reached. */
async function middleCursor(
  get: (url: string) => Promise<{ json(): unknown }>,
  first: string,
  steps: number,
): Promise<string> {
  let cursor: string | null = null;
  for (let i = 0; i < Math.max(1, steps); i++) {
    const body = (await get(cursor === null ? first : `${first}&cursor=${encodeURIComponent(cursor)}`).then((a) =>
      a.json(),
    )) as { page?: { next: string | null } };
    if (!body.page?.next) break;
    cursor = body.page.next;
  }
  if (cursor === null) throw new Error(`${first} has a single page`);
  return cursor;
}
