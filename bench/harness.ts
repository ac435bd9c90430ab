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
  /** Percentiles of per-operation latency, in milliseconds; undefined when not meaningful (one op a sample). */
  p50Ms?: number;
  p99Ms?: number;
}

/** Medians over the repetitions: of the rates, and of each repetition's percentiles. */
export interface Summary {
  label: string;
  opsPerSec: number;
  p50Ms?: number;
  p99Ms?: number;
  reps: number;
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
  const measured = latencies.subarray(0, n);
  return { ops: n, seconds, opsPerSec: n / seconds, p50Ms: median(measured), p99Ms: percentile(measured, 0.99) };
}

/** Times one whole run as one sample of `ops` operations (a rebuild, an import slice, a start). */
export async function pass(ops: number, run: () => unknown): Promise<Sample> {
  const t0 = hrtime.bigint();
  await run();
  const seconds = Number(hrtime.bigint() - t0) / 1e9;
  return { ops, seconds, opsPerSec: ops / seconds };
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
  const medianOf = (values: (number | undefined)[]) => {
    const known = values.filter((x): x is number => x !== undefined);
    return known.length > 0 ? median(known) : undefined;
  };
  return {
    label,
    opsPerSec: median(samples.map((x) => x.opsPerSec)),
    p50Ms: medianOf(samples.map((x) => x.p50Ms)),
    p99Ms: medianOf(samples.map((x) => x.p99Ms)),
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
