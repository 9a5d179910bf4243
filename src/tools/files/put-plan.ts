/**
 * What an upload will do to the container, from the engine's own answers: each entry's
 * target is stat'ed, so the caller (and the confirmation layer) knows which files are new
 * and which will be overwritten before anything is written.
 */
import type { Engine } from '../../engine/index.js';
import { statPath } from '../../engine/archive.js';
import { joinContainerPath } from '../../engine/container-path.js';
import type { FileInfo } from '../../engine/file-info.js';
import type { UploadEntry } from './upload.js';

/** Targets stat'ed per upload; entries past this are written without a check. */
export const MAX_CHECKED_ENTRIES = 200;
const STAT_CONCURRENCY = 8;

export type Action = 'create' | 'overwrite' | 'replace' | 'merge' | 'conflict';

export interface PlannedEntry {
  path: string;
  type: UploadEntry['type'];
  action: Action;
  /** What is at the path now, when something is. */
  existing?: FileInfo;
}

export type Plan =
  { ok: true; entries: PlannedEntry[]; unchecked: number } | { ok: false; problem: string };

export async function planUpload(
  engine: Engine,
  id: string,
  target: string,
  upload: readonly UploadEntry[],
  noOverwriteDirNonDir: boolean,
  signal?: AbortSignal,
): Promise<Plan> {
  const directory = await statPath(engine, id, target, signal);
  if (!directory)
    return {
      ok: false,
      problem: `the target directory ${target} does not exist in ${id}. Upload into an existing parent with the missing directories in the names (e.g. path "/", files [{"path": "${target.slice(1)}/name", ...}]).`,
    };
  if (directory.type !== 'directory')
    return {
      ok: false,
      problem: `the target ${target} in ${id} is a ${directory.type}, not a directory: path is the directory the files go into.`,
    };
  const checked = upload.slice(0, MAX_CHECKED_ENTRIES);
  const existing = await statAll(
    engine,
    id,
    checked.map((entry) => joinContainerPath(target, entry.name)),
    signal,
  );
  const entries = checked.map((entry, index): PlannedEntry => {
    const path = joinContainerPath(target, entry.name);
    const found = existing[index];
    return {
      path,
      type: entry.type,
      action: actionFor(entry.type, found, noOverwriteDirNonDir),
      ...(found && { existing: found }),
    };
  });
  return { ok: true, entries, unchecked: upload.length - checked.length };
}

/** Stat each path (undefined where missing), a few at a time. */
export async function statAll(
  engine: Engine,
  id: string,
  paths: readonly string[],
  signal?: AbortSignal,
): Promise<(FileInfo | undefined)[]> {
  const results: (FileInfo | undefined)[] = new Array<FileInfo | undefined>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      const index = next++;
      results[index] = await statPath(engine, id, paths[index] ?? '/', signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(STAT_CONCURRENCY, paths.length) }, worker));
  return results;
}

function actionFor(
  type: UploadEntry['type'],
  found: FileInfo | undefined,
  noOverwriteDirNonDir: boolean,
): Action {
  if (!found) return 'create';
  const isDir = type === 'directory';
  const wasDir = found.type === 'directory';
  if (isDir === wasDir) return isDir ? 'merge' : 'overwrite';
  return noOverwriteDirNonDir ? 'conflict' : 'replace';
}

/** Nothing is lost when every checked entry is new or a directory merge. */
export function destroysNothing(plan: Extract<Plan, { ok: true }>): boolean {
  return (
    plan.unchecked === 0 &&
    plan.entries.every((entry) => entry.action === 'create' || entry.action === 'merge')
  );
}
