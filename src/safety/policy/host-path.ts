/**
 * Host paths as the engine will see them, held to the --allow-bind roots. Each is resolved
 * the way the party that mounts it resolves it (./host-walk.ts): symlinks followed through the
 * deepest part that exists, so a link inside an allowed root cannot point a mount outside it,
 * and never through a tree whose meaning depends on the process reading it (/proc/self/cwd,
 * /dev/stdin), which is refused outright. Docker cleans a bind source's ".." before the kernel
 * resolves it, a `local` volume's device goes to the kernel as written: a path with ".." must
 * pass both ways. This sees this machine's filesystem, which is the engine's only when the
 * engine is local: on an engine elsewhere (tcp://, ssh://) no path can be resolved, so host
 * paths there are refused unless --allow-privileged. Paths come in either form, POSIX or
 * Windows (../../containers/host-paths.ts); only those in this platform's form are resolved
 * (a Windows path on Linux names no file here), and a root admits only paths of its form.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { PolicyConfig } from '../../config.js';
import {
  hostPathForm,
  isWithin,
  nativeForm,
  normalizeHostPath,
} from '../../containers/host-paths.js';
import {
  generatedMountBeneath,
  HostPathError,
  processRelativeRoot,
  walkHostPath,
} from './host-walk.js';

export { HostPathError } from './host-walk.js';

export type GuardPolicy = Pick<PolicyConfig, 'allowPrivileged' | 'allowBinds'>;

/**
 * Where host paths can be resolved: here (the engine is local), or nowhere. `resolve` gives
 * the real path, or throws HostPathError when the path must not be mounted at all.
 */
export type HostPaths =
  { local: true; resolve: (path: string) => string } | { local: false; engine: string };

/**
 * The real path of an absolute host path, as the engine will resolve it; throws
 * HostPathError for one that is relative or goes through a process-relative tree.
 */
export function resolveHostPath(path: string): string {
  const form = absoluteForm(path);
  if (form !== nativeForm()) return lexical(path, form);
  return form === 'posix' ? walkHostPath(path) : realpathWindows(path);
}

function absoluteForm(path: string): 'posix' | 'windows' {
  const form = hostPathForm(path);
  if (form === undefined)
    throw new HostPathError(
      'is not an absolute path: the engine would resolve it from its own working directory',
    );
  return form;
}

/**
 * A path judged by its spelling alone (one of the other platform's form, or on an engine
 * elsewhere): normalized, and refused when it is relative or in a process-relative tree.
 */
function lexical(path: string, form = absoluteForm(path)): string {
  const normalized = normalizeHostPath(path, form);
  const tree = form === 'posix' ? processRelativeRoot(normalized) : undefined;
  if (tree !== undefined)
    throw new HostPathError(
      `goes through ${tree}, whose entries the kernel makes up for each process that reads them`,
    );
  return normalized;
}

/** Windows: the platform's own resolution (no process-relative trees there). */
function realpathWindows(path: string): string {
  const normalized = normalizeHostPath(path, 'windows');
  const rest: string[] = [];
  let current = normalized;
  for (;;) {
    try {
      return normalizeHostPath(join(realpathSync.native(current), ...rest.reverse()));
    } catch {
      const parent = dirname(current);
      if (parent === current) return normalized;
      rest.push(basename(current));
      current = parent;
    }
  }
}

export type HostPathVerdict =
  | { ok: true }
  /** `what` the path is, and `unless`: the flag that would allow it. */
  | { ok: false; what: string; unless: string };

const NEVER = 'refused whatever the flags; name the directory by its real path';

/**
 * Whether `source` may be mounted: not through a process-relative tree, and under an
 * --allow-bind root once resolved (both ways, when it has "..": see the header).
 */
export function checkHostPath(
  source: string,
  policy: GuardPolicy,
  paths: HostPaths,
): HostPathVerdict {
  if (!paths.local) {
    const spelled = spellingProblem(source);
    if (spelled) return spelled;
    return policy.allowPrivileged
      ? { ok: true }
      : {
          ok: false,
          what: `is a path on the engine's own host (${paths.engine}), which this server cannot see to resolve`,
          unless: 'refused unless the server runs with --allow-privileged; or use a named volume',
        };
  }
  for (const spelling of spellingsOf(source)) {
    const real = refusedOr(() => normalizeHostPath(paths.resolve(spelling)));
    if (typeof real !== 'string') return real;
    if (!policy.allowBinds.some((root) => isWithin(real, root)))
      return outside(source, real, policy);
    const beneath = generatedMountBeneath(real);
    if (beneath)
      return {
        ok: false,
        what: `mounts ${real}, beneath which the kernel's ${beneath.filesystem} filesystem is mounted (at ${beneath.at}): a bind mount brings the mounts beneath its source along`,
        unless: 'refused whatever the flags; bind a directory that has no such mount beneath it',
      };
  }
  return { ok: true };
}

function outside(source: string, real: string, policy: GuardPolicy): HostPathVerdict {
  const roots = policy.allowBinds.length > 0 ? policy.allowBinds.join(', ') : 'none';
  const from = real === source ? '' : ` (from "${source}")`;
  return {
    ok: false,
    what: `mounts the host path ${real}${from}, outside the host roots this server may mount (${roots})`,
    unless: `refused unless the server runs with --allow-bind ${real} (or a parent directory); or use a named volume`,
  };
}

/** What can be said of a path on another host from its spelling alone. */
function spellingProblem(source: string): HostPathVerdict | undefined {
  const judged = refusedOr(() => lexical(source));
  return typeof judged === 'string' ? undefined : judged;
}

/** `work`'s answer, or the refusal a HostPathError it throws stands for. */
function refusedOr<T>(work: () => T): T | HostPathVerdict {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof HostPathError)) throw error;
    return { ok: false, what: error.message, unless: NEVER };
  }
}

/** A path with "..": as the kernel reads it, and cleaned first, Docker's way; both must pass. */
function spellingsOf(path: string): string[] {
  return path.split(/[\\/]/).includes('..') ? [path, normalizeHostPath(path)] : [path];
}

/**
 * Whether a host device's path (its field already allowed by --allow-privileged) means the
 * same for the engine as here: resolved like a bind source, but not held to any root.
 */
export function checkDevicePath(source: string, paths: HostPaths): HostPathVerdict {
  if (!paths.local) return spellingProblem(source) ?? { ok: true };
  for (const spelling of spellingsOf(source)) {
    const resolved = refusedOr(() => paths.resolve(spelling));
    if (typeof resolved !== 'string') return resolved;
  }
  return { ok: true };
}
