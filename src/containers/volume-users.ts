/** The containers that mount a volume, as the engine lists them (stopped ones too). */
import { listContainers } from '../engine/api/containers.js';
import type { ContainerSummary, Engine } from '../engine/index.js';

export async function containersUsingVolume(
  engine: Engine,
  name: string,
  signal?: AbortSignal,
): Promise<ContainerSummary[]> {
  const users = await engine.json<ContainerSummary[]>(listContainers, {
    query: { all: true, filters: { volume: [name] } },
    signal,
  });
  // Mount point destinations match this filter too: keep the containers that mount the volume itself.
  return users.filter((c) => c.Mounts?.some((m) => m.Name === name) ?? true);
}
