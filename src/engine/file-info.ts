/**
 * One file's metadata, the same shape whether it came from the engine's
 * X-Docker-Container-Path-Stat header (a Go os.FileMode) or from a tar header.
 */
import type { Header as TarHeader } from 'tar-stream';
import { EngineError } from './errors.js';

export type FileType =
  | 'file'
  | 'directory'
  | 'symlink'
  | 'hardlink'
  | 'block-device'
  | 'char-device'
  | 'pipe'
  | 'socket'
  | 'other';

export interface FileInfo {
  /** The base name (stat) or the path inside the archive (tar). */
  name: string;
  type: FileType;
  size: number;
  /** Permission bits with setuid (0o4000), setgid (0o2000) and sticky (0o1000). */
  permissions: number;
  /** RFC 3339, or undefined when unknown. */
  mtime: string | undefined;
  /** Where a symlink (or hard link) points; the engine's stat reports it resolved. */
  linkTarget?: string;
  /** Its owner, from a tar header (the engine's stat does not say). */
  owner?: Owner;
}

export interface Owner {
  uid: number;
  gid: number;
}

/** The Go os.FileMode bits (io/fs), which the engine's stat header carries, not POSIX ones. */
const GO_MODE = {
  dir: 31,
  symlink: 27,
  device: 26,
  namedPipe: 25,
  socket: 24,
  setuid: 23,
  setgid: 22,
  charDevice: 21,
  sticky: 20,
  irregular: 19,
} as const;

// Bit 31 does not survive JS's signed 32-bit `&`: shift unsigned instead.
const hasBit = (mode: number, bit: number): boolean => ((mode >>> bit) & 1) === 1;

export function typeFromGoMode(mode: number): FileType {
  if (hasBit(mode, GO_MODE.dir)) return 'directory';
  if (hasBit(mode, GO_MODE.symlink)) return 'symlink';
  if (hasBit(mode, GO_MODE.namedPipe)) return 'pipe';
  if (hasBit(mode, GO_MODE.socket)) return 'socket';
  if (hasBit(mode, GO_MODE.device))
    return hasBit(mode, GO_MODE.charDevice) ? 'char-device' : 'block-device';
  if (hasBit(mode, GO_MODE.irregular)) return 'other';
  return 'file';
}

export function permissionsFromGoMode(mode: number): number {
  return (
    (mode & 0o777) |
    (hasBit(mode, GO_MODE.setuid) ? 0o4000 : 0) |
    (hasBit(mode, GO_MODE.setgid) ? 0o2000 : 0) |
    (hasBit(mode, GO_MODE.sticky) ? 0o1000 : 0)
  );
}

interface PathStatJson {
  name?: unknown;
  size?: unknown;
  mode?: unknown;
  mtime?: unknown;
  linkTarget?: unknown;
}

/** Decode X-Docker-Container-Path-Stat: base64 JSON {name, size, mode, mtime, linkTarget}. */
export function decodePathStat(header: string | string[] | undefined): FileInfo {
  const value = Array.isArray(header) ? header[0] : header;
  let parsed: PathStatJson;
  try {
    if (value === undefined || value === '') throw new Error('missing');
    parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as PathStatJson;
  } catch {
    throw new EngineError(
      'engine',
      'the engine sent no readable X-Docker-Container-Path-Stat header for this path',
    );
  }
  const mode = typeof parsed.mode === 'number' ? parsed.mode : 0;
  const type = typeFromGoMode(mode);
  const linkTarget = typeof parsed.linkTarget === 'string' ? parsed.linkTarget : '';
  return {
    name: typeof parsed.name === 'string' ? parsed.name : '',
    type,
    size: typeof parsed.size === 'number' ? parsed.size : 0,
    permissions: permissionsFromGoMode(mode),
    mtime: typeof parsed.mtime === 'string' ? parsed.mtime : undefined,
    ...(linkTarget !== '' && { linkTarget }),
  };
}

const TAR_TYPES: Partial<Record<TarHeader['type'], FileType>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'hardlink',
  'block-device': 'block-device',
  'character-device': 'char-device',
  fifo: 'pipe',
};

export function infoFromTarHeader(header: TarHeader): FileInfo {
  // tar-stream leaves fields null when an archive omits them, whatever its types say.
  const linkTarget = (header.linkname as string | null) ?? '';
  return {
    name: header.name,
    type: TAR_TYPES[header.type] ?? 'other',
    size: header.size,
    permissions: header.mode & 0o7777,
    mtime: (header.mtime as Date | null)?.toISOString(),
    ...(linkTarget !== '' && { linkTarget }),
    owner: { uid: header.uid, gid: header.gid },
  };
}
