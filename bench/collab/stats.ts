/**
 * Pure statistics for the collaboration benchmark: no clocks, no I/O.
 */

/** The p-th percentile (0–100) by the nearest-rank method; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
}

export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p95: percentileOfSorted(sorted, 95),
    p99: percentileOfSorted(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** CPU use over a window, in percent of one core, from clock ticks. */
export function cpuPercent(ticks: number, ticksPerSecond: number, wallMs: number): number {
  return wallMs > 0 ? (ticks / ticksPerSecond / (wallMs / 1000)) * 100 : Number.NaN;
}

/** `part` as a percentage of `whole`; NaN when there is no whole. */
export function sharePercent(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : Number.NaN;
}

/** PASS when the value is at most the target; MISS otherwise (including no value). */
export function verdict(value: number, atMost: number): 'PASS' | 'MISS' {
  return Number.isFinite(value) && value <= atMost ? 'PASS' : 'MISS';
}

/** Heilong's p95 over the reference's; NaN if either is missing. */
export function ratio(numerator: number, denominator: number): number {
  return Number.isFinite(numerator) && Number.isFinite(denominator) && denominator > 0 ? numerator / denominator : Number.NaN;
}

/**
 * Round k of one server over round k of the other, for as many rounds as both
 * have: in ABBA order each pair ran back to back, so the spread of these ratios
 * shows how far the pooled ratio can move on the machine's own variation.
 */
export function pairedRatios(numerators: readonly number[], denominators: readonly number[]): number[] {
  return numerators.slice(0, denominators.length).map((value, k) => ratio(value, denominators[k]!));
}

/**
 * Capacity search: the client counts to try, doubling from `start`, never above `max`.
 * e.g. steps(30, 480) → [30, 60, 120, 240, 480].
 */
export function capacitySteps(start: number, max: number): number[] {
  const steps: number[] = [];
  for (let n = Math.max(1, start); n <= max && steps.length < 16; n *= 2) steps.push(n);
  return steps.length ? steps : [Math.max(1, max)];
}

/** A deterministic PRNG (mulberry32), so both servers get the same load. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
