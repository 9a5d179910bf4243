/**
 * Host paths as the engine will see them: symlinks resolved through the deepest part that
 * exists, so a link inside an allowed root cannot point a bind mount outside it. Best effort:
 * it sees this machine's filesystem, which is the engine's when the engine is local.
 */
import { realpathSync } from 'node:fs';
import { posix } from 'node:path';

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
