export interface Timing {
  n: number;
  p50: number;
  p95: number;
  /** Sum of the results of the first min(CHECK_RUNS, minRuns) runs: equal across shapes when answers agree. */
  check: number;
}

export const CHECK_RUNS = 5;

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}

export interface MeasureOptions {
  maxRuns: number;
  /** Stop early once budgetMs was spent, but never before minRuns runs. */
  minRuns: number;
  budgetMs: number;
  warmup: number;
}

/** Time `fn` over the samples (cycled), after `warmup` untimed runs. */
export async function measure<T>(samples: readonly T[], fn: (s: T) => Promise<number>, o: MeasureOptions): Promise<Timing> {
  const pick = (i: number): T => samples[i % samples.length] as T;
  for (let i = 0; i < o.warmup; i++) await fn(pick(i));
  const times: number[] = [];
  let check = 0;
  const start = performance.now();
  for (let i = 0; i < o.maxRuns; i++) {
    const t0 = performance.now();
    const r = await fn(pick(i));
    times.push(performance.now() - t0);
    if (i < Math.min(CHECK_RUNS, o.minRuns)) check += r;
    if (i + 1 >= o.minRuns && performance.now() - start > o.budgetMs) break;
  }
  times.sort((a, b) => a - b);
  return { n: times.length, p50: percentile(times, 50), p95: percentile(times, 95), check };
}

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export const ms = (v: number): string =>
  Number.isNaN(v) ? '–' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);

export const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);

/** Markdown table with padded columns (readable in a terminal, pasteable into docs). */
export function table(head: string[], rows: string[][]): string {
  const width = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(width[i] ?? 0)).join(' | ')} |`;
  return [line(head), `|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}
