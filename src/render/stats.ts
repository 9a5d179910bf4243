/**
 * Stats as `docker stats --no-stream` prints them (same columns, units and precision), and
 * a series of readings with its min / mean / max.
 */
import type { Spread, StatsFigures } from '../engine/stats.js';
import { renderTable, type Column } from './table.js';
import { formatBytesIEC, formatBytesSI } from './units.js';

export const percent = (value: number): string => `${value.toFixed(2)}%`;

const usage = (f: StatsFigures): string =>
  `${formatBytesIEC(f.memoryUsed)} / ${formatBytesIEC(f.memoryLimit)}`;
/** docker stats prints its I/O columns with 3 significant digits. */
const io = (a: number, b: number): string => `${formatBytesSI(a, 3)} / ${formatBytesSI(b, 3)}`;

const FIGURE_COLUMNS: Column<StatsFigures>[] = [
  { header: 'CPU %', value: (f) => (f.cpuPercent === undefined ? '--' : percent(f.cpuPercent)) },
  { header: 'MEM USAGE / LIMIT', value: usage },
  { header: 'MEM %', value: (f) => percent(f.memoryPercent) },
  { header: 'NET I/O', value: (f) => io(f.networkRx, f.networkTx) },
  { header: 'BLOCK I/O', value: (f) => io(f.blockRead, f.blockWrite) },
  { header: 'PIDS', value: (f) => String(f.pids) },
];

/** One container's reading, as docker stats shows it. */
export function renderStatsRow(container: { id: string; name: string }, f: StatsFigures): string {
  return renderTable<StatsFigures>(
    [
      { header: 'CONTAINER ID', value: () => container.id },
      { header: 'NAME', value: () => container.name, max: 40 },
      ...FIGURE_COLUMNS,
    ],
    [f],
  );
}

/** A series, one row per reading, its time first (UTC, to the second). */
export function renderStatsSeries(readings: readonly StatsFigures[]): string {
  return renderTable<StatsFigures>(
    [{ header: 'TIME', value: (f) => f.read.slice(11, 19) }, ...FIGURE_COLUMNS],
    readings,
  );
}

export interface SeriesSummary {
  cpu_percent: Spread;
  memory_used: Spread;
  memory_percent: Spread;
  pids: Spread;
}

export function renderSummary(summary: SeriesSummary): string {
  const rows: { name: string; spread: Spread; format: (value: number) => string }[] = [
    { name: 'CPU %', spread: summary.cpu_percent, format: percent },
    { name: 'MEM USAGE', spread: summary.memory_used, format: formatBytesIEC },
    { name: 'MEM %', spread: summary.memory_percent, format: percent },
    { name: 'PIDS', spread: summary.pids, format: (value) => String(Math.round(value * 10) / 10) },
  ];
  return renderTable(
    [
      { header: '', value: (row) => row.name },
      { header: 'MIN', value: (row) => row.format(row.spread.min) },
      { header: 'MEAN', value: (row) => row.format(row.spread.mean) },
      { header: 'MAX', value: (row) => row.format(row.spread.max) },
    ],
    rows,
  );
}
