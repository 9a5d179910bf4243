/**
 * Under --scope-label, scope covers data, not only containers: a new container may mount a
 * named volume only when no container outside the scope uses it, and when it is either new
 * (the engine creates it empty), carries the scope label, or is already used by a container
 * in scope. Otherwise an in-scope container could read what an out-of-scope one keeps there
 * (or what one left behind). Anonymous volumes and tmpfs are always new; host paths are the
 * host guards' business (./settings-guard.ts).
 */
import { bindSource, isVolumeName } from '../../containers/host-paths.js';
import { containersUsingVolume } from '../../containers/volume-users.js';
import { inspectVolume } from '../../engine/api/lifecycle.js';
import { EngineError, type Engine } from '../../engine/index.js';
import { inScope, scopeFilter, type ScopeLabel } from './scope.js';

export interface VolumeBody {
  HostConfig?:
    | {
        Binds?: string[] | undefined;
        Mounts?: { Type?: string; Source?: string | undefined }[] | undefined;
      }
    | undefined;
}

export interface NamedVolume {
  /** Where the body names it, e.g. "HostConfig.Binds[0]". */
  field: string;
  name: string;
}

/** The named volumes a create body mounts: Binds whose source is not a path, volume Mounts with a Source. */
export function namedVolumes(body: VolumeBody): NamedVolume[] {
  const found: NamedVolume[] = [];
  (body.HostConfig?.Binds ?? []).forEach((bind, index) => {
    const source = bindSource(bind);
    if (isVolumeName(source)) found.push({ field: `HostConfig.Binds[${index}]`, name: source });
  });
  (body.HostConfig?.Mounts ?? []).forEach((mount, index) => {
    if (mount.Type === 'volume' && mount.Source)
      found.push({ field: `HostConfig.Mounts[${index}]`, name: mount.Source });
  });
  return found;
}

/** Why each named volume is out of reach under the scope; empty when all may be mounted. */
export async function volumeProblems(
  engine: Engine,
  volumes: readonly NamedVolume[],
  scope: ScopeLabel,
  signal?: AbortSignal,
): Promise<string[]> {
  const problems: string[] = [];
  for (const { field, name } of volumes) {
    const why = await whyOutOfScope(engine, name, scope, signal);
    if (why !== undefined) problems.push(`${field} mounts the volume "${name}", which ${why}`);
  }
  return problems;
}

async function whyOutOfScope(
  engine: Engine,
  name: string,
  scope: ScopeLabel,
  signal?: AbortSignal,
): Promise<string | undefined> {
  let labels: Record<string, string> | null | undefined;
  try {
    ({ Labels: labels } = await engine.json<{ Labels?: Record<string, string> | null }>(
      inspectVolume,
      { params: { name }, signal },
    ));
  } catch (error) {
    // A new volume: the engine creates it empty, for this container alone.
    if (error instanceof EngineError && error.code === 'not_found') return undefined;
    throw error;
  }
  const mounting = await containersUsingVolume(engine, name, signal);
  if (mounting.some((c) => !inScope(c.Labels, scope)))
    return "is used by a container outside this server's scope";
  if (inScope(labels, scope) || mounting.length > 0) return undefined;
  return `exists, is used by no container in this server's scope and does not carry the label ${scopeFilter(scope)}, so it may hold data from outside the scope`;
}
