/** Files as `ls -l` shows them: type letter, permissions, size, time, name -> target. */
import type { FileInfo, FileType } from '../engine/file-info.js';
import { renderTable, tableData, type Column } from './table.js';
import { shortTimestamp } from './time.js';

const TYPE_LETTER: Record<FileType, string> = {
  file: '-',
  directory: 'd',
  symlink: 'l',
  hardlink: 'h',
  'block-device': 'b',
  'char-device': 'c',
  pipe: 'p',
  socket: 's',
  other: '?',
};

/** "0644", "4755": the octal form chmod takes. */
export function octalPermissions(permissions: number): string {
  return permissions.toString(8).padStart(4, '0');
}

/** "drwxr-xr-x", "-rwsr-xr-x", "drwxrwxrwt". */
export function modeString(info: Pick<FileInfo, 'type' | 'permissions'>): string {
  const p = info.permissions;
  const triad = (shift: number, special: boolean, letter: string): string => {
    const bits = (p >> shift) & 7;
    const x = bits & 1 ? letter.toLowerCase() : letter.toUpperCase();
    return `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${special ? x : bits & 1 ? 'x' : '-'}`;
  };
  return (
    TYPE_LETTER[info.type] +
    triad(6, (p & 0o4000) !== 0, 's') +
    triad(3, (p & 0o2000) !== 0, 's') +
    triad(0, (p & 0o1000) !== 0, 't')
  );
}

/** The name with a trailing "/" for directories and "-> target" for links. */
export function displayName(info: Pick<FileInfo, 'name' | 'type' | 'linkTarget'>): string {
  if (info.type === 'directory') return info.name.endsWith('/') ? info.name : `${info.name}/`;
  if (info.linkTarget !== undefined)
    return `${info.name} ${info.type === 'hardlink' ? '=>' : '->'} ${info.linkTarget}`;
  return info.name;
}

/** One line for one path: "-rw-r--r-- 1234 2026-11-26T23:31:29Z /etc/hosts". */
export function describeFile(info: FileInfo, path = info.name): string {
  return `${modeString(info)} ${info.size} ${shortTimestamp(info.mtime) ?? '-'} ${displayName({ ...info, name: path })}`;
}

const FILE_COLUMNS: Column<FileInfo>[] = [
  { header: 'MODE', value: (e) => modeString(e) },
  { header: 'SIZE', value: (e) => String(e.size) },
  { header: 'MODIFIED', value: (e) => shortTimestamp(e.mtime) ?? '-' },
  { header: 'NAME', value: (e) => displayName(e), max: 200 },
];

/** The columns of a listing as data: the name as `ls -l` shows it, links with their target. */
export const ENTRY_COLUMNS = ['mode', 'size', 'modified', 'name'] as const;

/** An aligned listing; sizes in bytes, as ls -l prints them. */
export function renderFileTable(entries: readonly FileInfo[]): string {
  return renderTable(FILE_COLUMNS, entries);
}

/** The same listing as data: `columns` once, then one row of values per entry. */
export function fileTableData(entries: readonly FileInfo[]): {
  columns: (typeof ENTRY_COLUMNS)[number][];
  entries: string[][];
} {
  const { rows } = tableData(FILE_COLUMNS, entries);
  return { columns: [...ENTRY_COLUMNS], entries: rows };
}

/** A file's metadata as structured output: the same fields in every tool and resource. */
export interface FileRecord {
  name: string;
  type: FileType;
  size: number;
  permissions: string;
  mode: string;
  mtime?: string;
  link_target?: string;
}

export function fileRecord(info: FileInfo): FileRecord {
  return {
    name: info.name,
    type: info.type,
    size: info.size,
    permissions: octalPermissions(info.permissions),
    mode: modeString(info),
    ...(info.mtime !== undefined && { mtime: info.mtime }),
    ...(info.linkTarget !== undefined && { link_target: info.linkTarget }),
  };
}
