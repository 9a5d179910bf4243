/**
 * What the prune tools share about their filters, computed the way the engine does, so a
 * preview names exactly what a prune removes: the `until` cutoff and the `label!` match.
 */
import { z } from 'zod';
import { PATH_CHARS } from './inputs.js';

const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const UNIX_SECONDS = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** The cutoff `until` names, in ms since the epoch; undefined when it is not a valid form. */
export function untilCutoff(value: string, now = Date.now()): number | undefined {
  if (GO_DURATION.test(value)) {
    let total = 0;
    for (const [, amount, , unit] of value.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
      total += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0);
    }
    return now - total;
  }
  if (UNIX_SECONDS.test(value)) return Number(value) * 1000;
  if (DATE.test(value)) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

/** The engine's MatchKVList: every "key" or "key=value" is among the labels. */
export function labelsMatchAll(wanted: readonly string[], labels: Record<string, string>): boolean {
  return wanted.every((entry) => {
    const [key = '', ...rest] = entry.split('=');
    if (!(key in labels)) return false;
    return rest.length === 0 || labels[key] === rest.join('=');
  });
}

/** An `until` filter value, checked as the engine reads it. */
export const untilValue = z
  .string()
  .max(64)
  .refine(
    (value) => untilCutoff(value) !== undefined,
    'must be a Go duration ("10m", "1h30m", "24h"), Unix seconds ("1767225600") or a date ("2026-01-31" or "2026-01-31T12:00:00Z")',
  );

/** The `label!` filter's values as the engine gives them. */
export const labelValue = z.string().max(PATH_CHARS).min(1);
