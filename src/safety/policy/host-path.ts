/**
 * Host paths as the engine will see them, held to the --allow-bind roots: symlinks resolved
 * through the deepest part that exists, so a link inside an allowed root cannot point a bind
 * mount outside it. This sees this machine's filesystem, which is the engine's only when the
 * engine is local: on an engine elsewhere (tcp://, ssh://) no path can be resolved, so host
 * paths there are refused unless --allow-privileged.
 */
import { realpathSync } from 'node:fs';
import { posix } from 'node:path';
import type { PolicyConfig } from '../../config.js';

export type GuardPolicy = Pick<PolicyConfig, 'allowPrivileged' | 'allowBinds'>;

/** Where host paths can be resolved: here (the engine is local), or nowhere. */
export type HostPaths =
  { local: true; resolve: (path: string) => string } | { local: false; engine: string };

export function resolveHostPath(path: string): string {
  const rest: string[] = [];
  let current = posix.resolve('/', path);
  for (;;) {
    try {
      return posix.join(realpathSync(current), ...rest.reverse());
    } catch {
      if (current === '/') return path;
      rest.push(posix.basename(current));
      current = posix.dirname(current);
    }
  }
}

/** `path` is `root` or below it; both absolute and normalized, so "/data2" is not in "/data". */
export function isWithin(path: string, root: string): boolean {
  return root === '/' || path === root || path.startsWith(`${root}/`);
}

export type HostPathVerdict =
  | { ok: true }
  /** `what` the path is, and `unless`: the flag that would allow it. */
  | { ok: false; what: string; unless: string };

/** Whether `source` may be mounted: under an --allow-bind root, after normalizing and links. */
export function checkHostPath(
  source: string,
  policy: GuardPolicy,
  paths: HostPaths,
): HostPathVerdict {
  if (!paths.local)
    return policy.allowPrivileged
      ? { ok: true }
      : {
          ok: false,
          what: `is a path on the engine's own host (${paths.engine}), which this server cannot see to resolve`,
          unless: 'refused unless the server runs with --allow-privileged; or use a named volume',
        };
  const real = paths.resolve(posix.resolve('/', source));
  if (policy.allowBinds.some((root) => isWithin(real, root))) return { ok: true };
  const roots = policy.allowBinds.length > 0 ? policy.allowBinds.join(', ') : 'none';
  const from = real === source ? '' : ` (from "${source}")`;
  return {
    ok: false,
    what: `mounts the host path ${real}${from}, outside the host roots this server may mount (${roots})`,
    unless: `refused unless the server runs with --allow-bind ${real} (or a parent directory); or use a named volume`,
  };
}
