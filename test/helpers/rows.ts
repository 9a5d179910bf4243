/**
 * Tabular answers (container_list's containers, container_archive's entries) hold the column
 * names once and each row as a list of values: these turn them back into objects for tests.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { dataOf } from './mcp.js';

export interface Table {
  columns: string[];
}

/** Each row as an object keyed by the column names. */
export function rowsOf(table: Table, rows: string[][]): Record<string, string>[] {
  return rows.map((row) =>
    Object.fromEntries(table.columns.map((column, index) => [column, row[index] ?? ''])),
  );
}

/** container_list's rows as objects. */
export function listedRows(result: CallToolResult): Record<string, string>[] {
  const data = dataOf<Table & { containers: string[][] }>(result);
  return rowsOf(data, data.containers);
}

/** The names container_list answered, in its order. */
export function listedNames(result: CallToolResult): string[] {
  return listedRows(result).map((row) => row.name ?? '');
}
