/**
 * The engine used when nothing is configured (no --host, context or DOCKER_HOST), per
 * platform, as the Docker CLI's default context and the desktops that install it lay out:
 *
 * - Windows: the named pipe npipe:////./pipe/docker_engine (Docker Desktop's default).
 * - Elsewhere: /var/run/docker.sock when it exists. Without it, the first socket found of a
 *   rootless engine in $XDG_RUNTIME_DIR (Linux: rootless Docker, then Podman's service) or a
 *   desktop in the home directory (Docker Desktop, OrbStack, Colima, Rancher Desktop). These
 *   desktops also write a Docker context and make it current, which is read before this
 *   (./resolve.ts); their sockets are the fallback for a config without it.
 * - With none of them there, /var/run/docker.sock is still the answer, so the error names the
 *   path people expect.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_SOCKET = '/var/run/docker.sock';
export const DEFAULT_PIPE = 'npipe:////./pipe/docker_engine';

export interface DefaultEngine {
  /** An engine URL: unix:///path or npipe:////./pipe/NAME. */
  url: string;
  /** Where it came from, for messages: "default", "Docker Desktop's socket (...)". */
  source: string;
}

export interface DefaultEngineInput {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
  /** The system socket to look for first (tests point it at a temporary directory). */
  systemSocket?: string;
  exists?: (path: string) => boolean;
}

interface Candidate {
  path: string;
  what: string;
  where: string;
}

export function findDefaultEngine(input: DefaultEngineInput): DefaultEngine {
  if (input.platform === 'win32') return { url: DEFAULT_PIPE, source: 'default (Windows)' };
  const systemSocket = input.systemSocket ?? DEFAULT_SOCKET;
  const exists = input.exists ?? existsSync;
  if (exists(systemSocket)) return { url: `unix://${systemSocket}`, source: 'default' };
  const found = candidates(input).find((candidate) => exists(candidate.path));
  if (found)
    return {
      url: `unix://${found.path}`,
      source: `${found.what} socket (${found.where}, no ${systemSocket})`,
    };
  return { url: `unix://${systemSocket}`, source: 'default' };
}

function candidates({ platform, env, home }: DefaultEngineInput): Candidate[] {
  const found: Candidate[] = [];
  const runtimeDir = env.XDG_RUNTIME_DIR;
  if (platform === 'linux' && runtimeDir !== undefined && runtimeDir.startsWith('/')) {
    const where = '$XDG_RUNTIME_DIR';
    found.push(
      { path: join(runtimeDir, 'docker.sock'), what: 'rootless Docker', where },
      { path: join(runtimeDir, 'podman', 'podman.sock'), what: 'rootless Podman', where },
    );
  }
  const inHome = (what: string, ...parts: string[]): Candidate => ({
    path: join(home, ...parts),
    what,
    where: `~/${parts.join('/')}`,
  });
  if (platform === 'darwin')
    found.push(
      inHome('Docker Desktop', '.docker', 'run', 'docker.sock'),
      inHome('OrbStack', '.orbstack', 'run', 'docker.sock'),
      inHome('Colima', '.colima', 'default', 'docker.sock'),
      inHome('Rancher Desktop', '.rd', 'docker.sock'),
    );
  if (platform === 'linux')
    found.push(inHome('Docker Desktop', '.docker', 'desktop', 'docker.sock'));
  return found;
}
