/**
 * Which entries of an uploaded tar may be written, judged on the names and types the engine
 * will read (../../engine/tar-headers.ts). Refused, each with a message naming the entry:
 * absolute names and ".." parts; names that readers would read differently (a GNU long name
 * and a PAX path that differ, a meta header given twice, a global PAX path); device nodes,
 * FIFOs and other special files; hard links to anything but an earlier file of the archive;
 * symlinks unless the call allows links; anything written through a symlink of the same
 * archive; extended attributes and setuid/setgid bits, which the engine applies with its own
 * privileges whatever the container's user.
 */
import { posix } from 'node:path';
import type { TarHeaderEntry } from '../../engine/tar-headers.js';
import type { FileType } from '../../engine/file-info.js';
import { checkedName, type UploadEntry } from './upload-names.js';

/** PAX records the engine reads as plain metadata. */
const PAX_KEYS = new Set([
  'path',
  'linkpath',
  'size',
  'uid',
  'gid',
  'uname',
  'gname',
  'mtime',
  'atime',
  'ctime',
  'comment',
  'charset',
  'hdrcharset',
  'LIBARCHIVE.creationtime',
]);

const TYPES: Record<string, FileType> = {
  '0': 'file',
  '5': 'directory',
  '2': 'symlink',
  '1': 'hardlink',
};
const REFUSED_TYPES: Record<string, string> = {
  '3': 'a character device',
  '4': 'a block device',
  '6': 'a FIFO',
  '7': 'a contiguous file (which the engine does not extract)',
};

/** What the archive has written so far, to judge later entries against. */
export interface ArchiveSoFar {
  /** Entries by canonical name. */
  types: Map<string, FileType>;
  /** Directories earlier entries were written into (their parent chains). */
  parents: Set<string>;
}

export const emptyArchive = (): ArchiveSoFar => ({ types: new Map(), parents: new Set() });

/**
 * The entry to plan (name "" for the target directory itself), or undefined when there is
 * nothing to plan (a global header); problems are added to `problems`.
 */
export function checkEntry(
  header: TarHeaderEntry,
  so: ArchiveSoFar,
  allowLinks: boolean,
  problems: string[],
): UploadEntry | undefined {
  const where = `archive entry "${header.name}"`;
  const before = problems.length;
  const problem = (text: string) => problems.push(`${where}: ${text}`);
  if (header.typeflag === 'g') {
    const sets = header.paxKeys.filter((key) => key === 'path' || key === 'linkpath');
    if (sets.length > 0)
      problems.push(
        `archive: a global PAX header sets ${sets.join(' and ')}; readers disagree on whether it applies to later entries, so it is refused`,
      );
    return undefined;
  }
  readersAgree(header, problem);
  paxRecords(header, problem);
  if (header.notUtf8) problem('its name or link target is not valid UTF-8');
  const name = checkedName(header.name, where, problems);
  const type = TYPES[header.typeflag];
  if (type === undefined)
    problem(
      `is ${REFUSED_TYPES[header.typeflag] ?? `of tar type "${header.typeflag}"`}, which this server does not write; send regular files, directories (and links with allow_links)`,
    );
  if ((header.mode & 0o4000) !== 0 || ((header.mode & 0o2000) !== 0 && type !== 'directory'))
    problem(
      `mode ${header.mode.toString(8).padStart(4, '0')} sets setuid or setgid, which the engine would apply whatever the container's user; send it without those bits`,
    );
  if (name === undefined || type === undefined || problems.length > before) return undefined;
  const owned = { mode: header.mode, uid: header.uid, gid: header.gid };
  if (name === '') {
    if (type !== 'directory')
      problem('names the target directory itself; a file there would replace the directory');
    // Some engines (Podman) give the target directory this entry's owner and mode.
    return type === 'directory' ? { name, type, size: 0, ...owned } : undefined;
  }
  const linkTarget = linkOf(header, type, name, so, allowLinks, problem);
  underArchiveLinks(name, so, problem);
  if (type !== 'directory' && so.parents.has(name))
    problem('would replace a directory that earlier entries of this archive were written into');
  if (problems.length > before) return undefined;
  so.types.set(name, type);
  for (let at = name.lastIndexOf('/'); at > 0; at = name.lastIndexOf('/', at - 1))
    so.parents.add(name.slice(0, at));
  return {
    name,
    type,
    size: header.size,
    ...owned,
    ...(linkTarget !== undefined && { linkTarget }),
  };
}

/** The engine takes one of several names; refuse archives where they differ. */
function readersAgree(header: TarHeaderEntry, problem: (text: string) => void): void {
  const { gnuName, paxPath, gnuLink, paxLinkpath } = header.sources;
  if (header.repeated.length > 0)
    problem(
      `has more than one ${header.repeated.join(' and ')} before it; readers disagree on which counts`,
    );
  if (gnuName !== undefined && paxPath !== undefined && gnuName !== paxPath)
    problem(
      `its GNU long name "${gnuName}" and its PAX path "${paxPath}" differ; readers disagree on which counts`,
    );
  if (gnuLink !== undefined && paxLinkpath !== undefined && gnuLink !== paxLinkpath)
    problem(
      `its GNU long link name "${gnuLink}" and its PAX linkpath "${paxLinkpath}" differ; readers disagree on which counts`,
    );
}

function paxRecords(header: TarHeaderEntry, problem: (text: string) => void): void {
  for (const key of header.paxKeys) {
    if (key.endsWith('#2'))
      problem(`its PAX header gives "${key.slice(0, -2)}" twice; readers disagree on which counts`);
    else if (key.startsWith('SCHILY.xattr.') || key.startsWith('LIBARCHIVE.xattr.'))
      problem(
        `carries the extended attribute "${key.replace(/^(SCHILY|LIBARCHIVE)\.xattr\./, '')}", which the engine would set with its own privileges; archive without extended attributes (tar --no-xattrs)`,
      );
    else if (key.startsWith('GNU.sparse.')) problem('is a sparse file, which is not supported');
    else if (!PAX_KEYS.has(key))
      problem(`has the PAX record "${key}", which this server does not know`);
  }
}

function linkOf(
  header: TarHeaderEntry,
  type: FileType,
  name: string,
  so: ArchiveSoFar,
  allowLinks: boolean,
  problem: (text: string) => void,
): string | undefined {
  if (type === 'symlink') {
    if (!allowLinks)
      problem(
        `is a symlink (-> ${header.linkname}); symlinks are written only with allow_links: true, and then need a confirmation like an overwrite`,
      );
    else if (header.linkname === '') problem('is a symlink with no target');
    else if (!header.linkname.startsWith('/') && climbsOut(name, header.linkname))
      problem(
        `is a symlink whose target "${header.linkname}" climbs out of the target directory, which the engine refuses (after writing the entries before it); give an absolute target`,
      );
    return header.linkname;
  }
  if (type !== 'hardlink') return undefined;
  const problems: string[] = [];
  const target = checkedName(header.linkname, 'target', problems);
  const kind = target === undefined ? undefined : so.types.get(target);
  if (target === undefined || (kind !== 'file' && kind !== 'hardlink') || target === name)
    problem(
      `is a hard link to "${header.linkname}", which is not an earlier file of this archive; hard links may only point to files the archive itself writes`,
    );
  return target;
}

/** A relative link target that leaves the target directory, as the engine checks it. */
function climbsOut(name: string, target: string): boolean {
  return posix.join(posix.dirname(name), target).split('/')[0] === '..';
}

/** The engine follows a symlink the archive wrote when a later entry is under it. */
function underArchiveLinks(name: string, so: ArchiveSoFar, problem: (text: string) => void): void {
  const parts = name.split('/');
  for (let end = 1; end < parts.length; end += 1) {
    const parent = parts.slice(0, end).join('/');
    if (so.types.get(parent) === 'symlink')
      problem(
        `is under "${parent}", a symlink earlier in this archive: the engine would write through it; put the entry at the link's real path instead`,
      );
  }
}
