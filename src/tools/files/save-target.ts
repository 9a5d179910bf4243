/**
 * Where container_export may write on the server's machine: only inside --export-dir,
 * decided after symlinks and ".." are resolved, and never over an existing file.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { lstat, realpath, unlink } from 'node:fs/promises';
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

export interface Saved {
  path: string;
  bytes: number;
  sha256: string;
}

/** Stream `source` into a new file at `path`, hashing as it goes; a failed save leaves nothing. */
export async function saveStream(source: Readable, path: string): Promise<Saved> {
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  // 'wx': fails if the name appeared since the check (or is a symlink): never follows or overwrites.
  const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  try {
    await pipeline(source, tap, file);
  } catch (error) {
    // Only a file this call created: a failed open (the name appeared meanwhile) is not ours.
    if (!file.pending) await unlink(path).catch(() => undefined);
    throw error;
  }
  return { path, bytes, sha256: hash.digest('hex') };
}
