import { hrtime } from 'node:process';

/** Every measured loop stops at whichever limit comes first, so a slow machine ends early rather than late. */
export interface Limits {
  maxOps: number;
  maxMs: number;
}

/** One repetition of one case. */
export interface Sample {
  ops: number;
  seconds: number;
  opsPerSec: number;
  /** 95th percentile of per-operation latency, in milliseconds; undefined when not meaningful. */
  p95Ms?: number;
}

export interface Summary {
  label: string;
  /** Median over the repetitions. */
  opsPerSec: number;
  /** Median over the repetitions of each repetition's p95. */
  p95Ms?: number;
  reps: number;
}

export interface Result {
  scenario: string;
  case: string;
  unit: 'ops/s' | 'req/s';
  subject: Summary;
  baseline: Summary;
}

export const REPS = 5;

/**
 * Runs `op` back to back, timing each call. A synchronous op is not awaited: an `await` on a
 * plain value would charge the raw baselines a microtask turn they do not pay in real use.
 */
export async function measure(op: (i: number) => unknown, limits: Limits): Promise<Sample> {
  const latencies = new Float64Array(limits.maxOps);
  const budget = BigInt(Math.round(limits.maxMs * 1e6));
  const start = hrtime.bigint();
  let end = start;
  let n = 0;
  while (n < limits.maxOps) {
    const t0 = hrtime.bigint();
    const pending = op(n);
    if (pending instanceof Promise) await pending;
    end = hrtime.bigint();
    latencies[n++] = Number(end - t0) / 1e6;
    if (end - start >= budget) break;
  }
  const seconds = Number(end - start) / 1e9;
  return { ops: n, seconds, opsPerSec: n / seconds, p95Ms: percentile(latencies.subarray(0, n), 0.95) };
}

/**
 * Runs subject and baseline alternately, `reps` times each, after unrecorded warm-ups of
 * each (JIT, SQLite page cache). Alternating, and swapping which goes first, spreads a noisy
 * neighbour's bursts over both sides of the ratio instead of one.
 */
export async function compare(
  subject: { label: string; run: () => Promise<Sample> },
  baseline: { label: string; run: () => Promise<Sample> },
  options: { reps?: number; warmups?: number } = {},
): Promise<{ subject: Summary; baseline: Summary }> {
  const reps = options.reps ?? REPS;
  for (let i = 0; i < (options.warmups ?? 1); i++) {
    await baseline.run();
    await subject.run();
  }
  const s: Sample[] = [];
  const b: Sample[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const order =
      rep % 2 === 0
        ? ([
            [baseline, b],
            [subject, s],
          ] as const)
        : ([
            [subject, s],
            [baseline, b],
          ] as const);
    for (const [side, samples] of order) {
      collectGarbage();
      samples.push(await side.run());
    }
  }
  return { subject: summarize(subject.label, s), baseline: summarize(baseline.label, b) };
}

export function summarize(label: string, samples: Sample[]): Summary {
  const p95s = samples.map((x) => x.p95Ms).filter((x): x is number => x !== undefined);
  return {
    label,
    opsPerSec: median(samples.map((x) => x.opsPerSec)),
    p95Ms: p95s.length > 0 ? median(p95s) : undefined,
    reps: samples.length,
  };
}

export function median(values: ArrayLike<number>): number {
  return percentile(values, 0.5);
}

/** Nearest-rank percentile (the median of an even count is the mean of the middle two). */
export function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  if (p === 0.5 && sorted.length % 2 === 0) return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** With `node --expose-gc`: start each repetition with a clean heap, so one rep's garbage is not the next one's pause. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

export function formatLatency(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '–';
  if (ms < 1) return `${(ms * 1000).toFixed(ms < 0.1 ? 1 : 0)} µs`;
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

export function ratio(result: Result): number {
  return result.subject.opsPerSec / result.baseline.opsPerSec;
}

export function formatRatio(value: number): string {
  return value >= 0.1 ? value.toFixed(2) : value.toFixed(3);
}

/** One row per case: the subject's median and p95 beside its baseline's, then the ratio of the medians. */
export function markdownTable(results: Result[]): string {
  const head = ['Scenario', 'Case', 'Median', 'p95', 'Baseline', 'Baseline median', 'Baseline p95', 'Ratio'];
  const rows = results.map((r) => [
    r.scenario,
    r.case,
    `${formatRate(r.subject.opsPerSec)} ${r.unit}`,
    formatLatency(r.subject.p95Ms),
    r.baseline.label,
    `${formatRate(r.baseline.opsPerSec)} ${r.unit}`,
    formatLatency(r.baseline.p95Ms),
    `**${formatRatio(ratio(r))}**`,
  ]);
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  const rightAligned = new Set([2, 3, 5, 6, 7]);
  return [line(head), line(head.map((_, i) => (rightAligned.has(i) ? '---:' : '---'))), ...rows.map(line)].join('\n');
}
