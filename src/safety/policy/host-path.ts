/**
 * Host paths as the engine will see them, held to the --allow-bind roots: symlinks resolved
 * through the deepest part that exists, so a link inside an allowed root cannot point a bind
 * mount outside it. This sees this machine's filesystem, which is the engine's only when the
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

export type GuardPolicy = Pick<PolicyConfig, 'allowPrivileged' | 'allowBinds'>;

/** Where host paths can be resolved: here (the engine is local), or nowhere. */
export type HostPaths =
  { local: true; resolve: (path: string) => string } | { local: false; engine: string };

export function resolveHostPath(path: string): string {
  const form = hostPathForm(path);
  const normalized = normalizeHostPath(path, form);
  if (form !== nativeForm()) return normalized;
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
  const real = paths.resolve(normalizeHostPath(source));
  if (policy.allowBinds.some((root) => isWithin(real, root))) return { ok: true };
  const roots = policy.allowBinds.length > 0 ? policy.allowBinds.join(', ') : 'none';
  const from = real === source ? '' : ` (from "${source}")`;
  return {
    ok: false,
    what: `mounts the host path ${real}${from}, outside the host roots this server may mount (${roots})`,
    unless: `refused unless the server runs with --allow-bind ${real} (or a parent directory); or use a named volume`,
  };
}
