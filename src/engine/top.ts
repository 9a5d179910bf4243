/**
 * `top` answers as columns. dockerd splits `ps` output into Titles and rows of columns;
 * Podman's service (4.x) sends one unsplit title line and one unsplit string per row.
 * Split those on whitespace, the last column keeping the rest of the line (the command).
 */
import type { TopResponse } from './api/lifecycle.js';

export interface TopTable {
  titles: string[];
  processes: string[][];
}

export function topTable(top: TopResponse): TopTable {
  const titles = top.Titles ?? [];
  const rows = top.Processes ?? [];
  const only = titles.length === 1 ? titles[0]?.trim() : undefined;
  if (only === undefined || !/\s/.test(only)) return { titles, processes: rows };
  const columns = only.split(/\s+/);
  return {
    titles: columns,
    processes: rows.map((row) => splitColumns(row.join(' '), columns.length)),
  };
}

/** The first `count - 1` words, then the rest of the line as it was. */
function splitColumns(line: string, count: number): string[] {
  const columns: string[] = [];
  let rest = line.trim();
  while (columns.length < count - 1) {
    const word = /^(\S+)\s*/.exec(rest);
    if (!word?.[1]) break;
    columns.push(word[1]);
    rest = rest.slice(word[0].length);
  }
  if (rest !== '') columns.push(rest);
  return columns;
}
