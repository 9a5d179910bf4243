/**
 * A POSIX host path resolved the way the kernel resolves it for the engine, one component at
 * a time, by this server itself: never by asking the kernel to resolve it for the server's
 * own process (realpath), which answers what the path means for this process. Some paths mean
 * something else for every process that resolves them: /proc/self/cwd is this server's
 * working directory here and the engine's (the host's root) there; /dev/stdin, /dev/fd/N,
 * /proc/thread-self, /proc/<pid>/root are the same. Such a path, reached by its own spelling or
 * through a symlink, or a component on a proc or sys filesystem mounted anywhere else, is
 * refused: no answer computed here would be what the engine mounts.
 */
import { lstatSync, readFileSync, readlinkSync, statfsSync } from 'node:fs';

/**
 * Trees the kernel makes up for whichever process reads them (or that name the reader's own
 * open files): judged by their spelling, before anything is read, and on every platform.
 */
export const PROCESS_RELATIVE = [
  '/proc',
  '/sys',
  '/dev/fd',
  '/dev/stdin',
  '/dev/stdout',
  '/dev/stderr',
];

const PER_PROCESS = 'its entries mean something else for each process that reads them';
const KERNEL_STATE = "its entries are the kernel's own state, never a directory to share";

/** statfs(2) magic numbers of the kernel's generated filesystems, wherever they are mounted. */
const GENERATED: Record<number, { name: string; why: string }> = {
  0x9fa0: { name: 'proc', why: PER_PROCESS },
  0x62656572: { name: 'sysfs', why: KERNEL_STATE },
};

/** As the kernel's own limit (ELOOP). */
const MAX_LINKS = 40;

/** The path cannot be judged as the engine will resolve it: the message says why. */
export class HostPathError extends Error {}

/** The tree of PROCESS_RELATIVE that an absolute, normalized path is in, if any. */
export function processRelativeRoot(path: string): string | undefined {
  return PROCESS_RELATIVE.find((root) => path === root || path.startsWith(`${root}/`));
}

const parts = (path: string): string[] => path.split('/').filter((p) => p !== '' && p !== '.');

/**
 * The real path of `path` (absolute POSIX): "..", "." and repeated slashes worked out in the
 * order the kernel meets them (".." after a symlink climbs from the link's target), every
 * symlink followed. What does not exist yet is taken as written (the engine creates a missing
 * bind source). Throws HostPathError for a path through a process-relative or generated tree,
 * a symlink loop, or a component this server cannot read (the engine, as root, could).
 */
export function walkHostPath(path: string): string {
  const pending = parts(path);
  const done: string[] = [];
  let links = 0;
  let missing = false;
  for (let part = pending.shift(); part !== undefined; part = pending.shift()) {
    if (part === '..') {
      done.pop();
      continue;
    }
    done.push(part);
    const current = `/${done.join('/')}`;
    const tree = processRelativeRoot(current);
    if (tree !== undefined) throw new HostPathError(throughTree(tree, current, links > 0));
    if (missing) continue;
    const kind = kindOf(current);
    if (kind === 'missing') missing = true;
    else if (kind === 'link') {
      links += 1;
      if (links > MAX_LINKS)
        throw new HostPathError(`goes through more than ${MAX_LINKS} symlinks (a loop?)`);
      let target: string;
      try {
        target = readlinkSync(current);
      } catch (error) {
        throw unreadable(current, error);
      }
      done.pop();
      if (target.startsWith('/')) done.length = 0;
      pending.unshift(...parts(target));
    } else {
      const generated = GENERATED[filesystemOf(current)];
      if (generated !== undefined)
        throw new HostPathError(
          `goes through ${current}, which is on the kernel's ${generated.name} filesystem: ${generated.why}`,
        );
    }
  }
  return `/${done.join('/')}`;
}

function filesystemOf(path: string): number {
  try {
    return statfsSync(path).type;
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): HostPathError {
  const code = (error as NodeJS.ErrnoException).code;
  return new HostPathError(
    `cannot be resolved by this server (${code ?? String(error)} at ${path}), so where the engine would mount it is unknown`,
  );
}

function kindOf(path: string): 'missing' | 'link' | 'other' {
  try {
    return lstatSync(path).isSymbolicLink() ? 'link' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw unreadable(path, error);
  }
}

function throughTree(tree: string, current: string, throughLink: boolean): string {
  const via = throughLink ? ` (a symlink on the way leads to ${current})` : '';
  const what =
    tree === '/sys'
      ? `which the kernel generates rather than stores: ${KERNEL_STATE}`
      : 'whose entries the kernel makes up for each process that reads them: the engine would mount what it means for its own process, not what this server sees';
  return `goes through ${tree}${via}, ${what}`;
}

/** A proc or sysfs mount found beneath a path. */
export interface GeneratedMount {
  filesystem: string;
  at: string;
}

const GENERATED_TYPES: ReadonlySet<string> = new Set(['proc', 'sysfs']);

/**
 * A proc or sysfs filesystem mounted strictly beneath `real` (a resolved path), from this
 * process's mount table (the host's, for a server on the engine's host): a bind mount is
 * recursive, so it would bring that mount along. `mountinfo` is /proc/self/mountinfo's text;
 * where there is none (not Linux), nothing is found.
 */
export function generatedMountBeneath(
  real: string,
  mountinfo = readMountinfo(),
): GeneratedMount | undefined {
  const prefix = real === '/' ? '/' : `${real}/`;
  for (const line of mountinfo.split('\n')) {
    const [fields = '', after = ''] = line.split(' - ');
    const at = unescapeMountPath(fields.split(' ')[4] ?? '');
    const filesystem = after.split(' ')[0] ?? '';
    if (GENERATED_TYPES.has(filesystem) && at.startsWith(prefix) && at !== real)
      return { filesystem, at };
  }
  return undefined;
}

function readMountinfo(): string {
  try {
    return readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return '';
  }
}

/** The kernel writes space, tab, newline and backslash in mount paths as octal escapes. */
function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
}
