/**
 * Which existing containers a container's settings reach into (the effects model's
 * REACH_EFFECTS): the ones whose PID, IPC or network namespace it joins (and, through chains
 * of "container:" modes, the container that namespace belongs to), the one whose volumes
 * `VolumesFrom` mounts writable, and every other container that uses a volume it mounts
 * writable. Read-only mounts only read (the scope still holds them); Links reach nothing the
 * network does not. Asked of the engine for a create body (before it exists) and for a
 * container about to start (its own settings, which someone else may have written).
 */
import { bindSource, isVolumeName } from '../../containers/host-paths.js';
import type { ContainerInspect } from '../../engine/index.js';
import { containerName, nameOf } from '../../render/containers.js';
import type { EngineFacts } from './guard-facts.js';

/** The part of a create body, or of an inspect document's HostConfig, that can reach. */
export interface ReachingSettings {
  PidMode?: string | undefined;
  IpcMode?: string | undefined;
  NetworkMode?: string | undefined;
  VolumesFrom?: readonly string[] | null | undefined;
  Binds?: readonly string[] | null | undefined;
  Mounts?:
    | readonly { Type?: string; Source?: string | undefined; ReadOnly?: boolean }[]
    | null
    | undefined;
}

export interface Reached {
  /** The container's full id, and its name. */
  id: string;
  name: string;
  /** Its labels (the scope's), never shown. */
  labels: Record<string, string> | null | undefined;
  /** How the settings reach it: "body.HostConfig.PidMode joins its PID namespace (...)". */
  ways: string[];
  /** Its inspect document, when it was read (a namespace or VolumesFrom). */
  raw?: ContainerInspect;
}

const NAMESPACES = {
  PidMode: 'PID namespace (it sees and signals its processes, and reaches its files through /proc)',
  IpcMode: 'IPC namespace (its shared memory, semaphores and message queues)',
  NetworkMode: 'network namespace (the services it serves on localhost only, and its ports)',
} as const;
/** Chains of "container:" modes are followed this far. */
const MAX_DEPTH = 4;

/**
 * The containers `settings` reach into, each once with every way it is reached; `self` (the
 * container being started) is never one. `at` prefixes the fields ("body.HostConfig").
 */
export async function reachedBy(
  settings: ReachingSettings,
  facts: Pick<EngineFacts, 'container' | 'volumeUsers'>,
  at: string,
  self?: string,
): Promise<Reached[]> {
  const found = new Map<string, Reached>();
  const add = (raw: ContainerInspect, way: string) => note(found, self, way, fromInspect(raw));
  const noteUsers = async (volume: string, way: string) => {
    for (const user of await facts.volumeUsers(volume))
      note(found, self, `${way} "${volume}"`, {
        id: user.Id,
        name: containerName(user.Names),
        labels: user.Labels,
      });
  };
  for (const field of Object.keys(NAMESPACES) as (keyof typeof NAMESPACES)[]) {
    let mode = settings[field];
    let way = `${at}.${field} joins its ${NAMESPACES[field]}`;
    let depth = 0;
    for (; mode?.startsWith('container:') && depth < MAX_DEPTH; depth += 1) {
      const other = await facts.container(mode.slice('container:'.length), { anyScope: true });
      if (!other) break; // the engine refuses a missing one itself
      add(other, way);
      way = `${at}.${field} joins its ${NAMESPACES[field]}, through ${nameOf(other)}`;
      mode = (other.HostConfig as ReachingSettings)[field];
    }
    // Past the depth, the namespace's owner is unknown: refused, never let through unread.
    if (depth === MAX_DEPTH && mode?.startsWith('container:'))
      throw new Error(
        `${way}, which joins another container's in turn, further than the ${MAX_DEPTH} containers this server follows: nothing was done. Join the container that owns the namespace instead.`,
      );
  }
  for (const [index, spec] of (settings.VolumesFrom ?? []).entries()) {
    const [id = '', options = ''] = spec.split(':');
    if (options.split(',').includes('ro')) continue;
    const other = await facts.container(id, { anyScope: true });
    if (!other) continue;
    const field = `${at}.VolumesFrom[${index}]`;
    add(other, `${field} mounts its volumes and binds writable`);
    // Its volumes are every other user's too.
    for (const mount of other.Mounts ?? [])
      if (mount.Type === 'volume' && mount.Name && (mount as { RW?: boolean }).RW !== false)
        await noteUsers(
          mount.Name,
          `${field} mounts writable, through ${nameOf(other)}, its volume`,
        );
  }
  for (const { field, volume } of writableVolumes(settings, at))
    await noteUsers(volume, `${field} mounts writable its volume`);
  return [...found.values()];
}

function fromInspect(raw: ContainerInspect): Omit<Reached, 'ways'> {
  return { id: raw.Id, name: nameOf(raw), labels: raw.Config.Labels, raw };
}

function note(
  found: Map<string, Reached>,
  self: string | undefined,
  way: string,
  container: Omit<Reached, 'ways'>,
): void {
  if (container.id === self) return;
  const known = found.get(container.id);
  if (known) {
    if (!known.ways.includes(way)) known.ways.push(way);
    known.raw ??= container.raw;
  } else found.set(container.id, { ...container, ways: [way] });
}

/** Named volumes the settings mount writable: Binds without "ro", volume Mounts not ReadOnly. */
function writableVolumes(settings: ReachingSettings, at: string) {
  const found: { field: string; volume: string }[] = [];
  (settings.Binds ?? []).forEach((spec, index) => {
    const source = bindSource(spec);
    const options = spec.split(':')[2] ?? '';
    if (spec.includes(':') && isVolumeName(source) && !options.split(',').includes('ro'))
      found.push({ field: `${at}.Binds[${index}]`, volume: source });
  });
  (settings.Mounts ?? []).forEach((mount, index) => {
    if (mount.Type === 'volume' && mount.Source && mount.ReadOnly !== true)
      found.push({ field: `${at}.Mounts[${index}]`, volume: mount.Source });
  });
  return found;
}
