/**
 * Arguments as the audit log keeps them: every string whole up to a generous bound, and
 * beyond it never cut silently: its start, its end, its length and a sha256 of the whole,
 * so padding cannot push the tail of a command (`...; rm -rf /data`) out of the record.
 */
import { createHash } from 'node:crypto';

/** Strings up to this many characters are kept whole. */
export const MAX_LOGGED_STRING = 64 * 1024;
/** Beyond it, this much of each end is kept. */
export const LOGGED_END = 8 * 1024;

export interface CutString {
  cut: { length: number; sha256: string; start: string; end: string };
}

export function boundForLog(value: unknown): unknown {
  if (typeof value === 'string') return boundString(value);
  if (Array.isArray(value)) return value.map(boundForLog);
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, boundForLog(inner)]),
    );
  return value;
}

export function boundString(value: string): string | CutString {
  if (value.length <= MAX_LOGGED_STRING) return value;
  return {
    cut: {
      length: value.length,
      sha256: createHash('sha256').update(value).digest('hex'),
      start: value.slice(0, LOGGED_END),
      end: value.slice(-LOGGED_END),
    },
  };
}
