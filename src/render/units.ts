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
