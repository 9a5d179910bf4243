/**
 * Host paths as the engine will see them: symlinks resolved through the deepest part that
 * exists, so a link inside an allowed root cannot point a bind mount outside it. Best effort:
 * it sees this machine's filesystem, which is the engine's when the engine is local, and
 * only paths in this platform's form (a Windows path on Linux names no file here).
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostPathForm, nativeForm, normalizeHostPath } from '../../containers/host-paths.js';

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
