/** Durations and instants in the forms people read: "3 minutes", "2026-11-26T21:20:25Z". */

const UNITS: [name: string, ms: number][] = [
  ['year', 365 * 24 * 3600_000],
  ['month', 30 * 24 * 3600_000],
  ['week', 7 * 24 * 3600_000],
  ['day', 24 * 3600_000],
  ['hour', 3600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "About an hour", "3 minutes": the Docker CLI's coarse style, one unit. */
export function humanDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 1000) return 'less than a second';
  for (const [name, size] of UNITS) {
    const count = Math.floor(ms / size);
    if (count >= 1) return count === 1 ? `1 ${name}` : `${count} ${name}s`;
  }
  return 'less than a second';
}

/** The engine's zero time ("0001-01-01T00:00:00Z") means "never". */
export function isZeroTime(value: string | undefined): boolean {
  return value === undefined || value === '' || value.startsWith('0001-01-01');
}

/** An engine timestamp trimmed to seconds, or undefined for the zero time. */
export function shortTimestamp(value: string | undefined): string | undefined {
  if (isZeroTime(value)) return undefined;
  return (value as string).replace(/\.\d+(Z|[+-]\d\d:\d\d)$/, '$1');
}
