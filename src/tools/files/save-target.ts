/**
 * Where container_export may write on the server's machine: only inside --export-dir, and
 * never over an existing file. The name is checked first (after symlinks and ".."), for a
 * clear refusal; then the file is created without following a link at its own name, and the
 * file actually opened is checked again by its real path (from /proc/self/fd): a directory
 * on the way that someone swapped for a symlink between the check and the open would have
 * put it elsewhere. Such a file is removed before a byte is written.
 */
import { createHash } from 'node:crypto';
import { constants, createWriteStream } from 'node:fs';
import { lstat, open, readlink, realpath, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { isWithin } from '../../containers/host-paths.js';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export type SaveTarget = { ok: true; path: string } | { ok: false; problem: string };

export async function resolveSaveTarget(
  exportDir: string | undefined,
  saveTo: string,
): Promise<SaveTarget> {
  if (exportDir === undefined)
    return {
      ok: false,
      problem:
        'saving to a file is off on this server. To allow it, start the server with --export-dir DIR (save_to must then be inside DIR); or call container_export without save_to for a summary.',
    };
  const wanted = resolve(exportDir, saveTo);
  const name = basename(wanted);
  let parent: string;
  try {
    parent = await realpath(dirname(wanted));
  } catch {
    return { ok: false, problem: `the directory ${dirname(wanted)} does not exist` };
  }
  if (!isWithin(parent, exportDir))
    return {
      ok: false,
      problem: `${saveTo} resolves to ${join(parent, name)}, outside the export directory ${exportDir}; give a name inside it, e.g. "${exportDir}${sep}export.tar"`,
    };
  if (name === '' || name === '.' || name === '..' || wanted === exportDir)
    return { ok: false, problem: `${saveTo} names a directory; give a file name, e.g. export.tar` };
  const path = join(parent, name);
  const exists = await lstat(path).then(
    () => true,
    () => false,
  );
  if (exists)
    return {
      ok: false,
      problem: `${path} already exists; choose a new name (nothing is overwritten)`,
    };
  return { ok: true, path };
}

export type Opened = { ok: true; file: SaveFile } | { ok: false; problem: string };

/** A new, empty file, verified to be where it was meant to be. */
export interface SaveFile {
  path: string;
  handle: FileHandle;
  /** Which file it is: only this one is ever removed. */
  identity: Identity;
}

interface Identity {
  dev: number;
  ino: number;
}

// O_EXCL with O_CREAT never follows a link at the name itself; O_NOFOLLOW says so twice.
const CREATE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;

/** Create `path` (inside `exportDir`), and make sure the file opened is that one. */
export async function openSaveFile(path: string, exportDir: string): Promise<Opened> {
  let handle: FileHandle;
  try {
    handle = await open(path, CREATE, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ELOOP')
      return {
        ok: false,
        problem: `${path} already exists; choose a new name (nothing is overwritten)`,
      };
    if (code === 'ENOENT')
      return { ok: false, problem: `the directory ${dirname(path)} does not exist (any more)` };
    throw error;
  }
  const where = await openedPath(handle, path);
  const info = await handle.stat();
  const identity = { dev: info.dev, ino: info.ino };
  if (where === path && isWithin(where, exportDir) && info.isFile() && info.nlink === 1)
    return { ok: true, file: { path, handle, identity } };
  await handle.close();
  await removeIfSame(where ?? path, identity);
  return {
    ok: false,
    problem: `a directory on the way to ${path} changed while the file was being created (it was opened at ${where ?? 'an unknown place'}), so it was removed and nothing was saved; make sure nobody else writes in ${exportDir}`,
  };
}

/**
 * Where the open file really is: Linux names it in /proc/self/fd. Elsewhere, the real path
 * of the name, kept only when it is the same file (same device and inode).
 */
async function openedPath(handle: FileHandle, path: string): Promise<string | undefined> {
  try {
    return await readlink(`/proc/self/fd/${handle.fd}`);
  } catch {
    try {
      const [real, opened] = await Promise.all([realpath(path), handle.stat()]);
      const now = await lstat(real);
      return now.dev === opened.dev && now.ino === opened.ino ? real : undefined;
    } catch {
      return undefined;
    }
  }
}

/** Remove what is at `where` only while it is still this very file. */
async function removeIfSame(where: string, identity: Identity): Promise<void> {
  try {
    const now = await lstat(where);
    if (now.dev === identity.dev && now.ino === identity.ino) await unlink(where);
  } catch {
    // Gone already, or not ours: nothing to remove.
  }
}

export interface Saved {
  path: string;
  bytes: number;
  sha256: string;
}

/** Stream `source` into the new file, hashing as it goes; a failed save leaves nothing. */
export async function saveStream(source: Readable, file: SaveFile): Promise<Saved> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const out = createWriteStream('', { fd: file.handle, autoClose: true });
  try {
    await pipeline(source, tap, out);
  } catch (error) {
    await discardSave(file);
    throw error;
  }
  return { path: file.path, bytes, sha256: hash.digest('hex') };
}

/** Remove a file this call created and has not finished (the engine failed, the call was cancelled). */
export async function discardSave(file: SaveFile): Promise<void> {
  await file.handle.close().catch(() => undefined);
  await removeIfSame(file.path, file.identity);
}
