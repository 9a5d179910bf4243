/**
 * Instants as a model writes them, for parameters such as logs' `since` and `until`: Unix
 * seconds (1764192025 or "1764192025.5"), an RFC 3339 date ("2026-11-26T21:20:25Z",
 * "2026-11-26"), or a duration before now ("10m", "1h30m", Go's units plus "d"). The engine
 * takes only Unix seconds (the other forms get a 500), so the value is converted here,
 * before the engine sees it.
 */
import { z } from 'zod';
import {
  formatRfc3339,
  formatUnixSeconds,
  parseRfc3339,
  parseUnixSeconds,
} from '../engine/timestamps.js';

export interface Instant {
  /** Nanoseconds since the epoch. */
  nanos: bigint;
  /** What the engine takes: "1764192025.184265560". */
  engine: string;
  /** For answers: "2026-11-26T21:20:25.184265560Z". */
  display: string;
}

const UNIT_NANOS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
  d: 86_400e9,
};
const DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/g;
const DATE_ONLY = /^\d{4}-\d\d-\d\d$/;

export const TIME_FORMS =
  'Unix seconds (1764192025), an RFC 3339 date (2026-11-26T21:20:25Z) or a duration before now (10m, 1h30m)';

/** Nanoseconds of a Go-style duration ("1h30m", "90s", "2d"), or undefined. */
export function parseDuration(value: string): bigint | undefined {
  if (!DURATION.test(value)) return undefined;
  let nanos = 0;
  for (const [, amount = '0', unit = 's'] of value.matchAll(DURATION_PART)) {
    nanos += Number(amount) * (UNIT_NANOS[unit] ?? 0);
  }
  return BigInt(Math.round(nanos));
}

/** An instant from any accepted form; a message naming the forms when it is none of them. */
export function parseInstant(
  value: number | string,
  nowMs: number = Date.now(),
): Instant | { error: string } {
  const text = typeof value === 'number' ? value.toFixed(9) : value.trim();
  const nanos =
    parseUnixSeconds(text) ??
    parseRfc3339(text) ??
    (DATE_ONLY.test(text) ? parseRfc3339(`${text}T00:00:00Z`) : undefined) ??
    sinceNow(parseDuration(text), nowMs);
  if (nanos === undefined) {
    const hint = /^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d(:\d\d)?(\.\d+)?$/.test(text)
      ? ' (add a time zone: Z or +02:00)'
      : '';
    return { error: `must be ${TIME_FORMS}; got ${JSON.stringify(value)}${hint}` };
  }
  if (nanos < 0n) return { error: `${JSON.stringify(value)} reaches back before 1970` };
  return { nanos, engine: formatUnixSeconds(nanos), display: formatRfc3339(nanos) };
}

function sinceNow(duration: bigint | undefined, nowMs: number): bigint | undefined {
  return duration === undefined ? undefined : BigInt(nowMs) * 1_000_000n - duration;
}

/** A zod input for an instant, converted at validation time. */
export function instantInput(description: string) {
  return z
    .union([z.number().nonnegative(), z.string().min(1).max(64)])
    .transform((value, ctx): Instant => {
      const parsed = parseInstant(value);
      if ('error' in parsed) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      return parsed;
    })
    .optional()
    .describe(`${description}: Unix seconds, RFC 3339, or a duration ago ("10m")`);
}
