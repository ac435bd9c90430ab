import { createHash } from 'node:crypto';

/**
 * Synthetic franchise histories as NDJSON lines in the CLI import format (`apps/cli` import,
 * `libs/commands/src/import`), one command a line, every line recording one event:
 * sources first (with publication dates), then franchises, each created before its claims.
 *
 * Deterministic: the same options give byte-identical output, so every run imports the same
 * data and its measurements can be compared. Claims respect the product's rules, or the
 * import would stop at the first rejected line: a source reports only what happened by its
 * publication day (a release still to come is a scheduled release), a film is introduced
 * (greenlight, sequel announcement, schedule, release) before other claims name it, counts
 * are positive, a retraction or correction names a standing claim of its franchise.
 */
export interface GeneratorOptions {
  seed: number;
  /** Lines, hence events, in all. */
  events: number;
  /** Franchises in all, the big ones included. */
  franchises: number;
  /** Claim count of each big franchise (long-running ones with 10,000+ claims). */
  big: number[];
}

export const SIZES = {
  full: { seed: 1, events: 1_000_000, franchises: 10_000, big: [10_000, 12_000, 15_000] },
  quick: { seed: 1, events: 100_000, franchises: 1_000, big: [10_000] },
} satisfies Record<string, GeneratorOptions>;

export interface FranchisePlan {
  id: string;
  /** Lines for this franchise: its creation and its claims. */
  events: number;
  /** One of the long-running franchises: films closer together, each with far more coverage. */
  big: boolean;
}

export interface Plan {
  sources: number;
  franchises: FranchisePlan[];
}

/**
 * Seeded random numbers in [0, 1): mulberry32, a well-known 32-bit generator that is fast,
 * passes the usual statistical tests for this use, and, unlike Math.random, can be seeded.
 */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rnd = () => number;
const int = (rnd: Rnd, min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
const pick = <T>(rnd: Rnd, items: readonly T[]): T => items[Math.floor(rnd() * items.length)];

/** Days since 1970-01-01 (UTC), the unit every date below is computed in. */
const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(iso) / DAY_MS);
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const FIRST_DAY = dayOf('2000-01-01');
/** Facts happen by then, so every fact has sources published after it. */
const LAST_FACT_DAY = dayOf('2025-06-30');
const LAST_SOURCE_DAY = dayOf('2026-06-30');

/**
 * One day written at one of the precisions the product accepts (EDTF levels 0 and 1), always
 * containing that day: a source that reports it cannot then be dated before the event.
 */
const PRECISIONS: [weight: number, format: (day: number, rnd: Rnd) => string][] = [
  [30, (d) => isoDay(d)],
  [20, (d) => isoDay(d).slice(0, 7)],
  [10, (d) => isoDay(d).slice(0, 4)],
  [5, (d) => `${isoDay(d).slice(0, 4)}~`],
  [5, (d) => `${isoDay(d).slice(0, 7)}~`],
  [5, (d) => `${isoDay(d).slice(0, 7)}?`],
  [5, (d) => `${isoDay(d)}?`],
  [3, (d) => `${isoDay(d).slice(0, 7)}-XX`],
  [3, (d) => `${isoDay(d).slice(0, 4)}-XX`],
  // Seasons as the edtf library reads them: 21-24 are the quarters of the year.
  [4, (d) => `${isoDay(d).slice(0, 4)}-${21 + Math.floor((Number(isoDay(d).slice(5, 7)) - 1) / 3)}`],
  [7, (d, rnd) => `${isoDay(d - int(rnd, 0, 20))}/${isoDay(d + int(rnd, 1, 40))}`],
  [3, (d, rnd) => `${isoDay(d - int(rnd, 0, 60)).slice(0, 7)}/${isoDay(d + int(rnd, 31, 120)).slice(0, 7)}`],
  // An open end: "since September 2021".
  [1, (d) => `${isoDay(d).slice(0, 7)}/..`],
];
const TOTAL_WEIGHT = PRECISIONS.reduce((sum, [w]) => sum + w, 0);

function edtfOf(rnd: Rnd, day: number): string {
  let roll = rnd() * TOTAL_WEIGHT;
  for (const [weight, format] of PRECISIONS) {
    roll -= weight;
    if (roll < 0) return format(day, rnd);
  }
  return isoDay(day);
}

interface Source {
  id: string;
  /** The day it was published; its `publishedOn` contains it. */
  day: number;
}

/** How many sources: a few hundred articles per thousand franchises, each cited many times. */
export function plan(options: GeneratorOptions): Plan {
  const rnd = random(options.seed);
  const sources = Math.max(40, Math.round(options.franchises / 5));
  const bigCount = options.big.length;
  const ordinary = options.franchises - bigCount;
  const bigEvents = options.big.reduce((sum, n) => sum + n + 1, 0);
  const budget = options.events - sources - bigEvents;
  if (ordinary <= 0 || budget < ordinary * 2) throw new Error('too few events for that many franchises');
  // Sizes skewed as real franchises are (most small, some long-running), scaled to the budget.
  const weights = Array.from({ length: ordinary }, () => 0.2 + rnd() ** 3 * 4);
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(2, Math.floor((w / total) * budget)));
  for (let i = 0, rest = budget - sizes.reduce((a, b) => a + b, 0); rest > 0; i++, rest--) sizes[i % ordinary] += 1;
  const franchises: FranchisePlan[] = [
    ...options.big.map((claims, i) => ({ id: `big-${String(i).padStart(2, '0')}`, events: claims + 1, big: true })),
    ...sizes.map((events, i) => ({ id: `f-${String(i).padStart(5, '0')}`, events, big: false })),
  ];
  return { sources, franchises };
}

/** Franchises written in turn, a line each, as articles covering several of them would be imported. */
const INTERLEAVED = 8;

/** Every line of the data set, in import order. */
export function* generate(options: GeneratorOptions): Generator<string> {
  const { sources: sourceCount, franchises } = plan(options);
  const rnd = random(options.seed ^ 0x5eed);
  // Spread evenly over the years (with jitter), so every fact has sources published soon after it.
  const span = (LAST_SOURCE_DAY - FIRST_DAY) / sourceCount;
  const sources: Source[] = Array.from({ length: sourceCount }, (_, i) => ({
    id: `src-${String(i).padStart(5, '0')}`,
    day: Math.floor(FIRST_DAY + (i + rnd()) * span),
  }));
  for (const source of sources) {
    yield JSON.stringify({
      command: 'register-source',
      id: source.id,
      name: `Article ${source.id}`,
      // Day, month or year, or a span around the day, as articles are dated.
      publishedOn: pick(rnd, [
        isoDay(source.day),
        isoDay(source.day),
        isoDay(source.day).slice(0, 7),
        isoDay(source.day).slice(0, 4),
        `${isoDay(source.day - 20).slice(0, 7)}/${isoDay(source.day + 20).slice(0, 7)}`,
      ]),
      language: pick(rnd, ['fr', 'en', 'de', 'pt-BR']),
    });
  }
  const ids = { next: 0 };
  for (let group = 0; group < franchises.length; group += INTERLEAVED) {
    const streams = franchises
      .slice(group, group + INTERLEAVED)
      .map((f, i) => franchiseLines(f, random(options.seed + group + i + 1), sources, ids));
    while (streams.length > 0) {
      for (let i = 0; i < streams.length;) {
        const next = streams[i].next();
        if (next.done) streams.splice(i, 1);
        else {
          yield next.value;
          i += 1;
        }
      }
    }
  }
}

/** The sources published on or after `day`, the nearest first: articles follow the news. */
function sourcesAfter(rnd: Rnd, sources: Source[], day: number, count: number): Source[] {
  let lo = 0;
  let hi = sources.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sources[mid].day < day) lo = mid + 1;
    else hi = mid;
  }
  const pool = sources.slice(lo, lo + 30);
  const chosen = new Set<Source>();
  while (chosen.size < Math.min(count, pool.length)) chosen.add(pool[Math.floor(rnd() ** 2 * pool.length)]);
  return [...chosen];
}

/** A deterministic UUID (v4 layout) for the claims a later line retracts or corrects. */
const uuidOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/**
 * One franchise's lines: created, then film after film (greenlight, wrap, schedule, release,
 * a growing series of view counts, chart positions, the next film's announcement), each fact
 * claimed by one to a few sources at their own precision, some disagreeing; now and then a
 * source retracts or corrects one of its claims. Stops at the planned size.
 */
function* franchiseLines(
  franchise: FranchisePlan,
  rnd: Rnd,
  sources: Source[],
  ids: { next: number },
): Generator<string> {
  const franchiseId = franchise.id;
  let left = franchise.events;
  const seen = new Set<string>();
  /** Claims a later line withdraws: their id, source, kind and body. */
  const pending: { eventId: string; source: Source; command: string; body: Record<string, unknown> }[] = [];

  const line = (command: string, body: Record<string, unknown>) => JSON.stringify({ command, franchiseId, ...body });
  /** A claim by each of `count` sources after `day`; some later withdrawn. Identical lines are skipped (they would record nothing). */
  function* claim(
    command: string,
    day: number,
    count: number,
    body: (source: Source) => Record<string, unknown>,
  ): Generator<string> {
    for (const source of sourcesAfter(rnd, sources, day, count)) {
      if (left <= 0) return;
      const fields = { ...body(source), sourceId: source.id };
      const text = line(command, fields);
      if (seen.has(text)) continue;
      seen.add(text);
      if (rnd() < 0.01) {
        const eventId = uuidOf(++ids.next);
        pending.push({ eventId, source, command, body: fields });
        yield line(command, { ...fields, eventId });
      } else yield text;
      left -= 1;
      if (pending.length > 0 && rnd() < 0.05 && left > 0) {
        yield withdrawal(pending.shift()!);
        left -= 1;
      }
    }
  }
  /** Half corrected by a new claim of the same kind (when it has a field to correct), the rest retracted by their source. */
  const withdrawal = (target: (typeof pending)[number]) => {
    const fixed = rnd() < 0.5 ? correction(target.body) : undefined;
    return fixed
      ? line(target.command, { ...target.body, ...fixed, supersedes: target.eventId })
      : line('retract-claim', { eventId: target.eventId, sourceId: target.source.id, reason: 'Misreported' });
  };
  const correction = ({ views, rank, shootingWeeks, title }: Record<string, unknown>) =>
    typeof views === 'number'
      ? { views: views + int(rnd, 1, 1000) }
      : typeof rank === 'number'
        ? { rank: (rank % 10) + 1 }
        : typeof shootingWeeks === 'number'
          ? { shootingWeeks: shootingWeeks + 1 }
          : typeof title === 'string'
            ? { title: `${title} (corrected)` }
            : undefined;

  const title = `Franchise ${franchiseId}`;
  yield JSON.stringify({ command: 'create-franchise', id: franchiseId, title });
  left -= 1;

  const big = franchise.big;
  const gap = (min: number, max: number) => Math.round(int(rnd, min, max) * (big ? 0.4 : 1));
  let day = big ? FIRST_DAY + int(rnd, 0, 365) : int(rnd, FIRST_DAY, LAST_FACT_DAY - 1500);
  for (let n = 1; left > 0; n++) {
    const filmId = `${franchiseId}-${n}`;
    const filmTitle = `${title} ${n}`;
    const greenlit = Math.min(day, LAST_FACT_DAY);
    yield* claim('record-greenlight', greenlit, int(rnd, 1, 2), () => ({
      filmId,
      title: filmTitle,
      greenlitOn: edtfOf(rnd, greenlit),
      ...(rnd() < 0.5 ? { by: 'Netflix' } : {}),
    }));
    const wrapped = Math.min(greenlit + gap(90, 300), LAST_FACT_DAY);
    yield* claim('record-production-wrap', wrapped, int(rnd, 0, 2), () => ({
      filmId,
      wrappedOn: edtfOf(rnd, wrapped),
      shootingWeeks: int(rnd, 4, 14),
    }));
    const released = Math.min(wrapped + gap(120, 400), LAST_FACT_DAY);
    const announced = Math.min(wrapped + gap(10, 100), released);
    yield* claim('schedule-release', announced, int(rnd, 1, 3), () => ({
      filmId,
      announcedOn: edtfOf(rnd, announced),
      scheduledFor: isoDay(released + (rnd() < 0.2 ? int(rnd, 7, 60) : 0)),
      platform: 'Netflix',
    }));
    // Most sources give the release day at some precision; one in six an earlier day: a conflict.
    yield* claim('record-release', released, int(rnd, 2, 5), () => ({
      filmId,
      title: filmTitle,
      releasedOn: edtfOf(rnd, rnd() < 0.17 ? released - int(rnd, 1, 10) : released),
      platform: 'Netflix',
    }));
    // Views grow along a series of dates; a figure reported by one to three sources, a few wrong.
    let views = int(rnd, 1_000_000, 20_000_000);
    const figures = big ? int(rnd, 200, 400) : int(rnd, 3, 12);
    const windows = new Map<number, number>();
    for (let k = 0, at = released; k < figures && left > 0; k++) {
      at = Math.min(at + (big ? int(rnd, 1, 5) : int(rnd, 3, 30)), LAST_FACT_DAY);
      views += int(rnd, 100_000, 5_000_000);
      for (const days of [7, 28, 91]) if (!windows.has(days) && at >= released + days) windows.set(days, views);
      const figure = views;
      yield* claim('record-viewership-milestone', at, int(rnd, 1, 3), () => ({
        filmId,
        views: rnd() < 0.05 ? Math.round(figure * 0.9) : figure,
        reachedOn: edtfOf(rnd, at),
      }));
    }
    // The count over its first week, 28 or 91 days, as platforms publish them: one figure each.
    for (const [days, figure] of windows) {
      if (rnd() < 0.4 || left <= 0) continue;
      const at = Math.min(released + days, LAST_FACT_DAY);
      yield* claim('record-viewership-milestone', at, int(rnd, 1, 3), () => ({
        filmId,
        views: rnd() < 0.05 ? Math.round(figure * 0.9) : figure,
        reachedOn: edtfOf(rnd, at),
        window: `P${days}D`,
      }));
    }
    const rankings = big ? int(rnd, 40, 80) : int(rnd, 1, 5);
    for (let k = 0; k < rankings && left > 0; k++) {
      const at = Math.min(released + int(rnd, 0, 60), LAST_FACT_DAY);
      const rank = int(rnd, 1, 10);
      yield* claim('record-chart-ranking', at, int(rnd, 1, 2), () => ({
        filmId,
        chart: 'netflix-top-10-films',
        rank,
        rankedOn: edtfOf(rnd, at),
        ...(rnd() < 0.7 ? { territory: pick(rnd, ['US', 'BR', 'FR', 'DE', 'MX', 'JP', 'IN', 'KR']) } : {}),
        ...(rnd() < 0.2 ? { territoryCount: int(rnd, 2, 90) } : {}),
        ...(rnd() < 0.3 ? { weeks: int(rnd, 1, 8) } : {}),
      }));
    }
    // The next film: a sequel announced some months after this one came out.
    day = Math.min(released + gap(60, 500), LAST_FACT_DAY);
    yield* claim('announce-sequel', day, int(rnd, 1, 3), () => ({
      filmId: `${franchiseId}-${n + 1}`,
      title: `${title} ${n + 1}`,
      announcedOn: edtfOf(rnd, day),
    }));
    if (n === 2) yield* claim('confirm-trilogy', day, int(rnd, 1, 2), () => ({ confirmedOn: edtfOf(rnd, day) }));
  }
}

/** SHA-256 of the lines, newline-terminated as written: what `--check` compares between two runs. */
export function digest(lines: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const text of lines) hash.update(`${text}\n`);
  return hash.digest('hex');
}
