/**
 * Engine instants. The engine prints them as RFC 3339 with nanoseconds
 * ("2026-11-26T21:20:25.184265560Z", log timestamps) but takes them back in `since` and
 * `until` only as Unix seconds with an optional fraction ("1764192025.184265560"). Both are
 * handled here as nanoseconds since the epoch in a BigInt: a cursor one nanosecond off
 * repeats or skips a log line, and a double holds only microseconds at today's dates.
 */

export const NANOS_PER_SECOND = 1_000_000_000n;

const RFC3339 = /^(\d{4}-\d\d-\d\d)[Tt ](\d\d:\d\d:\d\d)(?:\.(\d{1,9})\d*)?([Zz]|[+-]\d\d:\d\d)$/;
const UNIX_SECONDS = /^(\d{1,12})(?:\.(\d{1,9})\d*)?$/;

/** Nanoseconds of an RFC 3339 instant, or undefined when it is not one. */
export function parseRfc3339(value: string): bigint | undefined {
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [, date, time, fraction = '', zone = 'Z'] = match;
  const ms = Date.parse(`${date}T${time}${zone.toUpperCase()}`);
  if (Number.isNaN(ms)) return undefined;
  return BigInt(ms) * 1_000_000n + BigInt(fraction.padEnd(9, '0'));
}

/** Nanoseconds of a Unix-seconds string ("1764192025", "1764192025.5"). */
export function parseUnixSeconds(value: string): bigint | undefined {
  const match = UNIX_SECONDS.exec(value);
  if (!match) return undefined;
  const [, seconds = '0', fraction = ''] = match;
  return BigInt(seconds) * NANOS_PER_SECOND + BigInt(fraction.padEnd(9, '0'));
}

/** The engine's form for since/until: "1764192025.184265560" (always nine digits). */
export function formatUnixSeconds(nanos: bigint): string {
  const clamped = nanos < 0n ? 0n : nanos;
  const seconds = clamped / NANOS_PER_SECOND;
  const fraction = (clamped % NANOS_PER_SECOND).toString().padStart(9, '0');
  return `${seconds}.${fraction}`;
}

/** RFC 3339 in UTC with nanoseconds, as the engine prints it. */
export function formatRfc3339(nanos: bigint): string {
  const ms = Number(nanos / 1_000_000n);
  const fraction = (nanos % NANOS_PER_SECOND).toString().padStart(9, '0');
  return `${new Date(ms).toISOString().slice(0, 19)}.${fraction}Z`;
}
