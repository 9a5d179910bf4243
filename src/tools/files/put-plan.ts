/**
 * What an upload will do to the container, from the engine's own answers: each entry's
 * target is stat'ed, and so is every directory on its way from the root, so the caller (and
 * the confirmation layer) knows before anything is written which files are new, which will
 * be overwritten, and which would be written somewhere else because a directory on the way
 * is a symlink (the engine follows it): those are shown with the path they resolve to and
 * guarded like overwrites.
 */
import { posix } from 'node:path';
import type { Engine } from '../../engine/index.js';
import { statPath } from '../../engine/archive.js';
import { joinContainerPath } from '../../engine/container-path.js';
import type { FileInfo, Owner } from '../../engine/file-info.js';
import type { UploadEntry } from './upload-names.js';

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
  /** Where the engine will really write: set when a directory on the way is a symlink. */
  resolved?: string;
  /** A symlink's target as written, or a hard link's target path. */
  linkTarget?: string;
  /** What was sent: bytes of a file. */
  size: number;
  /**
   * What the write changes of what exists there besides its content: "mode 0755 -> 0777",
   * "owner 0:0 -> 4242:4242". A directory it changes is an overwrite, not a merge.
   */
  changes?: string[];
}

/** Who owns what, before and after the write: the engines differ (../put-archive.ts). */
export interface Ownership {
  /** The owner of what is at `path` now; undefined when the engine does not say. */
  now(path: string): Promise<Owner | undefined>;
  /** The owner the engine gives an entry; undefined when only the engine knows. */
  after(entry: UploadEntry): Owner | undefined;
  /** How an unknown `after` is said: "the container's user app (copy_uidgid)". */
  unknownAfter: string;
}

export type Plan =
  { ok: true; entries: PlannedEntry[]; unchecked: number } | { ok: false; problem: string };

export async function planUpload(
  engine: Engine,
  /** The full id requests use, and the name messages use (as the caller gave it). */
  { id, label }: { id: string; label: string },
  target: string,
  upload: readonly UploadEntry[],
  noOverwriteDirNonDir: boolean,
  ownership: Ownership,
  signal?: AbortSignal,
): Promise<Plan> {
  const stat = statCache(engine, id, signal);
  const directory = await stat(target);
  const real = directory?.type === 'symlink' ? await stat(directory.linkTarget ?? '/') : directory;
  if (!directory || !real)
    return {
      ok: false,
      problem: `the target directory ${target} does not exist in ${label}. Upload into an existing parent with the missing directories in the names (e.g. path "/", files [{"path": "${target.slice(1)}/name", ...}]).`,
    };
  if (real.type !== 'directory')
    return {
      ok: false,
      problem: `the target ${target} in ${label} is a ${real.type}, not a directory: path is the directory the files go into.`,
    };
  const checked = upload.slice(0, MAX_CHECKED_ENTRIES);
  const paths = checked.map((entry) => joinContainerPath(target, entry.name));
  const found = await inBatches(paths, stat);
  const resolved = await inBatches(paths, (path) => resolveParents(path, stat));
  const changes = await inBatches(
    checked.map((_, index) => index),
    (index) => changesOf(checked[index], found[index], resolved[index] ?? paths[index], ownership),
  );
  const entries = checked.map((entry, index): PlannedEntry => {
    const existing = found[index];
    const through = resolved[index];
    const changed = changes[index] ?? [];
    const action = actionFor(entry.type, existing, noOverwriteDirNonDir);
    return {
      path: paths[index] ?? '',
      type: entry.type,
      action: action === 'merge' && changed.length > 0 ? 'overwrite' : action,
      size: entry.size,
      ...(changed.length > 0 && { changes: changed }),
      ...(existing && { existing }),
      ...(through !== undefined && { resolved: through }),
      ...(entry.linkTarget !== undefined && {
        linkTarget:
          entry.type === 'hardlink'
            ? joinContainerPath(target, entry.linkTarget)
            : entry.linkTarget,
      }),
    };
  });
  return { ok: true, entries, unchecked: upload.length - checked.length };
}

type Stat = (path: string) => Promise<FileInfo | undefined>;

/** Stat through a cache: directories are shared by many entries. */
function statCache(engine: Engine, id: string, signal?: AbortSignal): Stat {
  const cache = new Map<string, Promise<FileInfo | undefined>>();
  return (path) => {
    let answer = cache.get(path);
    if (!answer) cache.set(path, (answer = statPath(engine, id, path, signal)));
    return answer;
  };
}

/**
 * Where the engine writes `path` when a directory on its way is a symlink, or undefined when
 * none is. The engine's stat follows the links before the last part and reports a link's
 * target fully resolved, so each directory is asked in turn, from the root.
 */
async function resolveParents(path: string, stat: Stat): Promise<string | undefined> {
  const parts = path.split('/').filter(Boolean);
  let real = '/';
  let throughLink = false;
  for (let end = 1; end < parts.length; end += 1) {
    const info = await stat(`/${parts.slice(0, end).join('/')}`);
    if (!info) {
      real = posix.join(real, ...parts.slice(end - 1, -1));
      break;
    }
    if (info.type === 'symlink') {
      throughLink = true;
      real = info.linkTarget ?? '/';
    } else real = posix.join(real, parts[end - 1] ?? '');
  }
  return throughLink ? posix.join(real, parts.at(-1) ?? '') : undefined;
}

/** Each item through `ask`, a few at a time, answers in order. */
async function inBatches<I, T>(items: readonly I[], ask: (item: I) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await ask(items[index] as I);
    }
  };
  await Promise.all(Array.from({ length: Math.min(STAT_CONCURRENCY, items.length) }, worker));
  return results;
}

/** Stat each path (undefined where missing), a few at a time. */
export function statAll(
  engine: Engine,
  id: string,
  paths: readonly string[],
  signal?: AbortSignal,
): Promise<(FileInfo | undefined)[]> {
  return inBatches(paths, (path) => statPath(engine, id, path, signal));
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

/**
 * The mode and owner an entry gives what already exists at its path (the engine applies
 * them to an existing directory, and recreates a file with them). Only for what stays of
 * the same kind: a swapped type is a replacement already. A symlink has no mode of its own,
 * and a hard link takes its file's.
 */
async function changesOf(
  entry: UploadEntry | undefined,
  existing: FileInfo | undefined,
  path: string | undefined,
  ownership: Ownership,
): Promise<string[]> {
  if (!entry || !existing || path === undefined) return [];
  if ((entry.type === 'directory') !== (existing.type === 'directory')) return [];
  if (existing.type !== entry.type && entry.type !== 'hardlink')
    return [`type ${existing.type} -> ${entry.type}`];
  const changes: string[] = [];
  if (entry.type !== 'symlink' && entry.type !== 'hardlink' && entry.mode !== existing.permissions)
    changes.push(`mode ${octal(existing.permissions)} -> ${octal(entry.mode)}`);
  if (entry.type === 'hardlink') return changes;
  const after = ownership.after(entry);
  const now = await ownership.now(path);
  if (!now || !after || now.uid !== after.uid || now.gid !== after.gid)
    changes.push(
      `owner ${now ? ownerText(now) : '? (the engine does not say)'} -> ${after ? ownerText(after) : ownership.unknownAfter}`,
    );
  return changes;
}

const octal = (mode: number): string => mode.toString(8).padStart(4, '0');
const ownerText = (owner: Owner): string => `${owner.uid}:${owner.gid}`;

/**
 * Nothing is lost when every checked entry is new or a directory merge that changes nothing
 * of it, none is written through a symlink, and the archive makes no links of its own.
 */
export function destroysNothing(plan: Extract<Plan, { ok: true }>): boolean {
  return (
    plan.unchecked === 0 &&
    plan.entries.every(
      (entry) =>
        (entry.action === 'create' || entry.action === 'merge') &&
        entry.resolved === undefined &&
        entry.type !== 'symlink',
    )
  );
}
