/** Human units, matching what the Docker CLI prints so answers read like `docker` output. */

const IEC = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const SI = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

function scaled(bytes: number, base: number, units: readonly string[], precision = 4): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= base && unit < units.length - 1) {
    value /= base;
    unit++;
  }
  const sign = bytes < 0 ? '-' : '';
  // Four significant digits by default, as Go's %.4g in the Docker CLI: 1.5KiB, 1.235MB.
  return `${sign}${Number(value.toPrecision(precision))}${units[unit]}`;
}

/** Binary units (KiB, MiB), as docker stats shows memory. */
export function formatBytesIEC(bytes: number): string {
  return scaled(bytes, 1024, IEC);
}

/**
 * Decimal units (kB, MB), as docker shows sizes, network and block I/O; docker stats prints
 * its I/O columns with 3 significant digits.
 */
export function formatBytesSI(bytes: number, precision = 4): string {
  return scaled(bytes, 1000, SI, precision);
}

const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1000,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1000 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1000 ** 3,
  gib: 1024 ** 3,
};

/** "1048576", "512KiB", "4M" (binary), "2MB" (decimal) to bytes; undefined when unreadable. */
export function parseByteSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase()];
  if (!match || unit === undefined) return undefined;
  return Math.floor(Number(match[1]) * unit);
}

/** "1 line", "3 lines": a count and its noun, singular or plural. */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
