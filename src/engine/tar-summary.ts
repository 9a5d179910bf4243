/**
 * A bounded summary of a tar of any size, built while it streams past: counts, sizes per
 * top-level directory and the largest files. Memory is the size of the summary, not of
 * the archive.
 */
import type { Readable } from 'node:stream';
import type { FileType } from './file-info.js';
import { scanTar } from './tar-read.js';

export interface TarSummary {
  entries: number;
  /** Entries per type: file, directory, symlink, ... */
  types: Partial<Record<FileType, number>>;
  /** Sum of regular files' sizes. */
  contentBytes: number;
  /** Bytes of the tar stream itself. */
  tarBytes: number;
  /** Top-level entries by the content bytes under them, largest first. */
  topLevel: { name: string; bytes: number; entries: number }[];
  /** How many top-level entries there were (topLevel may show fewer). */
  topLevelCount: number;
  largestFiles: { path: string; bytes: number }[];
}

export interface SummaryOptions {
  topLevel: number;
  largestFiles: number;
}

export async function summarizeTar(source: Readable, options: SummaryOptions): Promise<TarSummary> {
  const types: Partial<Record<FileType, number>> = {};
  const top = new Map<string, { bytes: number; entries: number }>();
  const largest: { path: string; bytes: number }[] = [];
  let entries = 0;
  let contentBytes = 0;
  const { bytes } = await scanTar(source, ({ info }) => {
    entries += 1;
    types[info.type] = (types[info.type] ?? 0) + 1;
    const path = `/${info.name.replace(/^(\.\/|\/)+/, '').replace(/\/$/, '')}`;
    const head = path.split('/')[1] ?? '';
    if (head === '') return 'next';
    const bucket = top.get(head) ?? { bytes: 0, entries: 0 };
    bucket.entries += 1;
    top.set(head, bucket);
    if (info.type !== 'file') return 'next';
    contentBytes += info.size;
    bucket.bytes += info.size;
    keepLargest(largest, { path, bytes: info.size }, options.largestFiles);
    return 'next';
  });
  return {
    entries,
    types,
    contentBytes,
    tarBytes: bytes,
    topLevel: [...top]
      .map(([name, bucket]) => ({ name, ...bucket }))
      .sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name))
      .slice(0, options.topLevel),
    topLevelCount: top.size,
    largestFiles: largest,
  };
}

/** Insert into a list kept sorted by size, largest first, at most `max` long. */
function keepLargest(
  list: { path: string; bytes: number }[],
  item: { path: string; bytes: number },
  max: number,
): void {
  if (list.length === max && (list.at(-1)?.bytes ?? 0) >= item.bytes) return;
  const index = list.findIndex((other) => other.bytes < item.bytes);
  list.splice(index === -1 ? list.length : index, 0, item);
  if (list.length > max) list.pop();
}
