/** Timing helpers; every figure is in milliseconds. */

export function timeMs(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Nearest-rank percentile, q in 0..1. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

export const median = (samples: readonly number[]) => percentile(samples, 0.5);

/** Repeats fn until `runs` samples or the budget is spent (always at least one sample). */
export function sample(fn: () => unknown, runs: number, budgetMs: number): number[] {
  const out: number[] = [];
  let spent = 0;
  while (out.length < runs && (out.length === 0 || spent < budgetMs)) {
    const t = timeMs(fn);
    out.push(t);
    spent += t;
  }
  return out;
}

/** Calls per second over a fixed wall-clock window, cycling through the inputs. */
export function throughput(inputs: readonly string[], call: (text: string) => unknown, windowMs: number): number {
  const t0 = process.hrtime.bigint();
  const limit = BigInt(Math.round(windowMs * 1e6));
  let n = 0;
  while (process.hrtime.bigint() - t0 < limit) {
    for (let i = 0; i < 50; i++) call(inputs[(n + i) % inputs.length] ?? '');
    n += 50;
  }
  return n / (Number(process.hrtime.bigint() - t0) / 1e9);
}
