/**
 * Paths inside a container, checked once for every way they arrive (a resource URI, a tool
 * argument, a name inside an uploaded archive): absolute and normalised, no NUL, and no `..`
 * that climbs above the root. The engine resolves paths inside the container's own root, so
 * this is about refusing nonsense clearly, not about the host's filesystem.
 */
import { posix } from 'node:path';

export class PathError extends Error {
  override readonly name = 'PathError';
}

/** The longest path the server accepts (Linux PATH_MAX). */
export const MAX_PATH_LENGTH = 4096;

/** An absolute container path in canonical form ("/etc/nginx", "/"), or a PathError. */
export function normalizeContainerPath(raw: string): string {
  if (raw === '') throw new PathError('is empty; give an absolute path such as "/etc/hosts"');
  if (raw.includes('\0')) throw new PathError('contains a NUL character');
  if (raw.length > MAX_PATH_LENGTH)
    throw new PathError(`is longer than ${MAX_PATH_LENGTH} characters`);
  if (!raw.startsWith('/'))
    throw new PathError(`"${raw}" is relative; give an absolute path such as "/${raw}"`);
  if (climbsAboveRoot(raw.split('/')))
    throw new PathError(`"${raw}" uses ".." to climb above the root "/"`);
  const normal = posix.normalize(raw);
  return normal.length > 1 ? normal.replace(/\/+$/, '') : normal;
}

/**
 * A name relative to a target directory (a file in an upload), in canonical form
 * ("conf/app.ini"), or a PathError: absolute names and `..` parts are refused, even those
 * that stay inside (a name means one path, the same for every reader).
 */
export function normalizeRelativeName(raw: string): string {
  if (raw.includes('\0')) throw new PathError('contains a NUL character');
  if (raw.length > MAX_PATH_LENGTH)
    throw new PathError(`is longer than ${MAX_PATH_LENGTH} characters`);
  if (raw.startsWith('/'))
    throw new PathError(
      `"${raw}" is absolute; names are relative to the target directory, e.g. "${raw.replace(/^\/+/, '')}"`,
    );
  const segments = raw.split('/');
  if (climbsAboveRoot(segments))
    throw new PathError(`"${raw}" uses ".." to escape the target directory`);
  if (segments.includes('..'))
    throw new PathError(`"${raw}" has a ".." part; write the name without it`);
  const normal = posix.normalize(raw).replace(/\/+$/, '');
  return normal === '.' ? '' : normal;
}

/** Whether these path segments, read in order, go above where they start. */
export function climbsAboveRoot(segments: readonly string[]): boolean {
  let depth = 0;
  for (const segment of segments) {
    if (segment === '..') depth -= 1;
    else if (segment !== '' && segment !== '.') depth += 1;
    if (depth < 0) return true;
  }
  return false;
}

/** `name` inside `directory`, both already canonical. */
export function joinContainerPath(directory: string, name: string): string {
  return name === '' ? directory : posix.join(directory, name);
}
