/**
 * The socket to use when nothing is configured: /var/run/docker.sock when it exists, else a
 * rootless engine's socket in the user's runtime directory (rootless Docker, then Podman's
 * service started with `systemctl --user start podman.socket`). With none of them there, the
 * system socket is still the answer, so the error names the path people expect.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

export interface DefaultSocket {
  path: string;
  /** Where the path came from, for messages: "default", "rootless Docker (...)". */
  source: string;
}

export function findDefaultSocket(
  env: NodeJS.ProcessEnv,
  systemSocket: string = DEFAULT_SOCKET,
  exists: (path: string) => boolean = existsSync,
): DefaultSocket {
  if (exists(systemSocket)) return { path: systemSocket, source: 'default' };
  const runtimeDir = env.XDG_RUNTIME_DIR;
  if (runtimeDir !== undefined && runtimeDir.startsWith('/')) {
    const rootless = [
      { path: join(runtimeDir, 'docker.sock'), what: 'rootless Docker' },
      { path: join(runtimeDir, 'podman', 'podman.sock'), what: 'rootless Podman' },
    ];
    for (const { path, what } of rootless) {
      if (exists(path)) {
        return { path, source: `${what} socket ($XDG_RUNTIME_DIR, no ${systemSocket})` };
      }
    }
  }
  return { path: systemSocket, source: 'default' };
}
