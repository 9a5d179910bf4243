/** Medians, percentiles and interleaved timing: absolute times are noise here, ratios hold. */
import { performance } from 'node:perf_hooks';
import type { Row } from './figure.js';

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 50);

export async function timeMs(run: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

export interface Interleaved {
  subject: number[];
  baseline: number[];
}

/**
 * Time `subject` and `baseline` alternately (ABAB…, starting side flipped each round), after
 * warm-up rounds, so drift in machine load hits both sides alike.
 */
export async function interleave(options: {
  subject: () => Promise<unknown>;
  baseline: () => Promise<unknown>;
  reps: number;
  warmup?: number;
}): Promise<Interleaved> {
  const result: Interleaved = { subject: [], baseline: [] };
  for (let i = 0; i < (options.warmup ?? 3); i++) {
    await options.subject();
    await options.baseline();
  }
  for (let i = 0; i < options.reps; i++) {
    if (i % 2 === 0) {
      result.subject.push(await timeMs(options.subject));
      result.baseline.push(await timeMs(options.baseline));
    } else {
      result.baseline.push(await timeMs(options.baseline));
      result.subject.push(await timeMs(options.subject));
    }
  }
  return result;
}

/** A row in milliseconds: the p-th percentile (50, the median) of both sides of a timing. */
export function timingRow(
  times: Interleaved,
  p: number,
  row: Omit<Row, 'subject' | 'baseline' | 'unit'>,
): Row {
  return {
    ...row,
    subject: percentile(times.subject, p),
    baseline: percentile(times.baseline, p),
    unit: 'ms',
  };
}
