/**
 * Which volumes a delete with `v` takes along: the anonymous ones (from the
 * image's VOLUME, Config.Volumes, or a volume mount without a source). Named volumes stay,
 * and so does an anonymous volume another container still uses.
 */
import { volumeExists } from '../../engine/api/lookup.js';
import type { ContainerInspect, Engine } from '../../engine/index.js';

export interface VolumeRef {
  name: string;
  destination: string;
}

/**
 * The name an engine gives an anonymous volume. Podman lists anonymous volumes in
 * HostConfig.Binds too ("<64 hex>:/data:rw,..."), where dockerd lists only named ones.
 */
const ENGINE_NAMED = /^[0-9a-f]{64}$/;

export function anonymousVolumes(raw: ContainerInspect): VolumeRef[] {
  const named = new Set<string>();
  for (const bind of raw.HostConfig.Binds ?? []) {
    const [source, destination] = bind.split(':');
    if (source && destination && !source.startsWith('/') && !ENGINE_NAMED.test(source)) {
      named.add(destination);
    }
  }
  for (const mount of raw.HostConfig.Mounts ?? []) {
    if (mount.Type === 'volume' && mount.Source && mount.Target) named.add(mount.Target);
  }
  return (raw.Mounts ?? [])
    .filter((mount) => mount.Type === 'volume' && mount.Name && !named.has(mount.Destination))
    .map((mount) => ({ name: mount.Name ?? '', destination: mount.Destination }));
}

/** Split volumes into those the engine no longer has and those it kept. */
export async function whichRemain(
  engine: Engine,
  volumes: readonly VolumeRef[],
  signal: AbortSignal,
): Promise<{ removed: VolumeRef[]; kept: VolumeRef[] }> {
  const exists = await Promise.all(
    volumes.map((volume) => volumeExists(engine, volume.name, signal)),
  );
  return {
    removed: volumes.filter((_, index) => !exists[index]),
    kept: volumes.filter((_, index) => exists[index]),
  };
}

export function describeVolumes(volumes: readonly VolumeRef[]): string {
  return volumes.map((volume) => `${volume.name.slice(0, 12)} (${volume.destination})`).join(', ');
}
