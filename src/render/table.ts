/**
 * Compact, aligned text tables: the cheapest readable form of rows for a model. The same
 * columns give the structured form (`tableData`): the column names once, then each row as a
 * list of values, which costs about what the text does; a list of objects repeats every key
 * on every row and costs half as much again.
 */
import { ellipsize } from './bound.js';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string;
  /** Cells longer than this are ellipsized. */
  max?: number;
}

export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) =>
    columns.map((column) => clean(ellipsize(column.value(row), column.max ?? 60))),
  );
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...cells.map((line) => (line[index] ?? '').length)),
  );
  const format = (line: readonly string[]): string =>
    line
      .map((cell, index) => (index === line.length - 1 ? cell : cell.padEnd(widths[index] ?? 0)))
      .join('  ')
      .trimEnd();
  return [format(columns.map((column) => column.header)), ...cells.map(format)].join('\n');
}

/** Newlines and tabs inside a cell would break the table's columns. */
function clean(cell: string): string {
  return cell.replace(/[\r\n\t]+/g, ' ');
}

/** The rows as structured data: `columns` once, then each row's values in that order, whole. */
export function tableData<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
): { columns: string[]; rows: string[][] } {
  return {
    columns: columns.map((column) => column.header.toLowerCase()),
    rows: rows.map((row) => columns.map((column) => clean(column.value(row)))),
  };
}
