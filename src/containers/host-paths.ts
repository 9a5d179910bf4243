/**
 * Host paths as bind mounts and the server's own flags write them, in both forms an engine
 * may be given: POSIX (`/srv/data`, and Docker Desktop's `/c/Users/...`) and Windows
 * (`C:\Users\me\data`, `C:/Users/me/data`, `\\server\share`). Which form a string is does
 * not depend on the platform the server runs on: an engine on another machine reads its own.
 * Two paths are compared only within one form, so a root in one form never admits a path in
 * the other (a mismatch is refused, never guessed). Windows paths compare without case, as
 * NTFS does. Pure: symlinks are resolved by the caller, on this machine's paths only.
 */
import { posix, win32 } from 'node:path';

export type PathForm = 'posix' | 'windows';

/** The form of an absolute host path, or undefined when `path` is not one. */
export function hostPathForm(path: string): PathForm | undefined {
  if (path.startsWith('/')) return 'posix';
  // A drive (C:\ or C:/) or a UNC path (\\server\share, \\?\C:\); never a bare "C:data".
  if (/^[a-z]:[\\/]/i.test(path) || path.startsWith('\\\\')) return 'windows';
  return undefined;
}

/** The form of paths on this platform (what the server's own files are). */
export function nativeForm(platform: NodeJS.Platform = process.platform): PathForm {
  return platform === 'win32' ? 'windows' : 'posix';
}

/**
 * An absolute host path with "." and ".." worked out and separators made one kind: `/a/b` or
 * `C:\a\b` (drive letter upper-case). A relative path is taken from the root, as the engine
 * would never resolve it against our working directory.
 */
export function normalizeHostPath(path: string, form = hostPathForm(path) ?? 'posix'): string {
  if (form === 'posix') return posix.resolve('/', path);
  const resolved = win32.resolve(path);
  return /^[a-z]:/.test(resolved) ? resolved[0]?.toUpperCase() + resolved.slice(1) : resolved;
}

/**
 * `path` is `root` or below it. Both absolute and normalized; "/data2" is not in "/data", and
 * a path is never inside a root of the other form.
 */
export function isWithin(path: string, root: string): boolean {
  const form = hostPathForm(root);
  if (form === undefined || hostPathForm(path) !== form) return false;
  if (form === 'posix') return root === '/' || path === root || path.startsWith(`${root}/`);
  const [p, r] = [path.toLowerCase(), root.toLowerCase()];
  return p === r || p.startsWith(r.endsWith('\\') ? r : `${r}\\`);
}

/**
 * The host source of a `Binds` entry (`SOURCE:TARGET[:OPTIONS]`). A Windows source holds a
 * colon after its drive letter (`C:\data:/data:ro`), so it is read past it.
 */
export function bindSource(bind: string): string {
  const start = /^[a-z]:[\\/]/i.test(bind) ? 2 : 0;
  const colon = bind.indexOf(':', start);
  return colon === -1 ? bind : bind.slice(0, colon);
}

/**
 * A named volume as the engine names one ([a-zA-Z0-9][a-zA-Z0-9_.-]+): the only `Binds`
 * source that is not a host path. Anything else (an absolute path in either form, or a
 * relative one the engine would refuse) is held to the host-path rule.
 */
export function isVolumeName(source: string): boolean {
  return /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(source);
}
