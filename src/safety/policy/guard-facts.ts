/**
 * What the guards need to know beyond the body, asked of the engine a call runs on (and of
 * this machine's filesystem when that engine is local). Containers outside --scope-label do
 * not exist here either, so no guard message can tell them apart from missing ones.
 */
import { inspectIfExists } from '../../engine/api/lookup.js';
import { inspectVolume } from '../../engine/api/lifecycle.js';
import { engineInfo, inspectNetwork } from '../../engine/api/system.js';
import { containersUsingVolume } from '../../containers/volume-users.js';
import {
  EngineError,
  type ContainerInspect,
  type ContainerSummary,
  type Engine,
} from '../../engine/index.js';
import { resolveHostPath, type HostPaths } from './host-path.js';
import { inScope, type ScopeLabel } from './scope.js';

export interface GuardFacts {
  hostPaths: HostPaths;
  /**
   * The container's inspect document; undefined when there is none, or when it is outside
   * --scope-label (unless `anyScope`: for what a namespace shares, never shown by name).
   */
  container(id: string, options?: { anyScope?: boolean }): Promise<ContainerInspect | undefined>;
  /** The driver of the network with this name or id; undefined when there is none. */
  networkDriver(name: string): Promise<string | undefined>;
  /** The name of the engine's default OCI runtime. */
  defaultRuntime(): Promise<string>;
  /** A volume's driver and options; undefined when there is none. */
  volume(name: string): Promise<VolumeFacts | undefined>;
}

/** What the reach check (./reach.ts) needs besides. */
export interface EngineFacts extends GuardFacts {
  /** The containers that mount this volume, whatever the scope (never shown by name). */
  volumeUsers(name: string): Promise<ContainerSummary[]>;
}

export interface VolumeFacts {
  Driver?: string;
  Options?: Record<string, string> | null;
}

/** The host paths of an engine: resolvable here only when it is reached by a local socket or pipe. */
export function hostPathsOf(engine: Engine): HostPaths {
  return engine.address.kind === 'unix' || engine.address.kind === 'npipe'
    ? { local: true, resolve: resolveHostPath }
    : { local: false, engine: engine.displayAddress };
}

/**
 * What to say at start-up about an engine on another host: host paths there cannot be
 * resolved here, so binds are refused unless --allow-privileged. Undefined for a local one.
 */
export function remoteEngineNote(
  engine: Engine,
  policy: { allowPrivileged: boolean; allowBinds: readonly string[] },
): string | undefined {
  const paths = hostPathsOf(engine);
  if (paths.local) return undefined;
  const roots =
    policy.allowBinds.length > 0 ? ' (the --allow-bind roots are paths on this machine)' : '';
  return policy.allowPrivileged
    ? `engine ${engine.name} (${paths.engine}) is on another host: this server cannot see its filesystem, and --allow-privileged lets containers there mount any of its host paths`
    : `engine ${engine.name} (${paths.engine}) is on another host: this server cannot resolve host paths there, so bind mounts on it are refused unless --allow-privileged${roots}`;
}

export function engineFacts(
  engine: Engine,
  signal: AbortSignal | undefined,
  scope: ScopeLabel | undefined,
): EngineFacts {
  let runtime: Promise<string> | undefined;
  // One call may ask about a volume several times (a reference's powers, then its mounts).
  const volumes = new Map<string, Promise<VolumeFacts | undefined>>();
  return {
    hostPaths: hostPathsOf(engine),
    async container(id, options) {
      const raw = await inspectIfExists(engine, id, signal);
      if (raw && scope && !options?.anyScope && !inScope(raw.Config.Labels, scope))
        return undefined;
      return raw;
    },
    volume(name) {
      let answer = volumes.get(name);
      if (!answer) {
        answer = engine
          .json<VolumeFacts>(inspectVolume, { params: { name }, signal })
          .catch((error: unknown) => {
            if (error instanceof EngineError && error.code === 'not_found') return undefined;
            throw error;
          });
        volumes.set(name, answer);
      }
      return answer;
    },
    volumeUsers: (name) => containersUsingVolume(engine, name, signal),
    async networkDriver(name) {
      try {
        const network = await engine.json<{ Driver?: string }>(inspectNetwork, {
          params: { id: name },
          signal,
        });
        return network.Driver ?? '';
      } catch (error) {
        if (error instanceof EngineError && error.code === 'not_found') return undefined;
        throw error;
      }
    },
    defaultRuntime() {
      runtime ??= engine
        .json<{ DefaultRuntime?: string }>(engineInfo, { signal })
        .then((info) => info.DefaultRuntime ?? 'runc');
      return runtime;
    },
  };
}
