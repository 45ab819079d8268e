/** What every benchmark reports, and the arithmetic on it. */

export const BENCH_LABEL = 'org.dockerdeck.bench';

export interface Measurement {
  name: string;
  median: number;
  p95?: number;
  unit: string;
  target?: string;
  rounds?: number;
  detail?: string;
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
}

export const median = (values: number[]): number => percentile(values, 50);
