/** The containers that run an image (stopped ones too), by the image id they run. */
import { listContainers } from '../engine/api/containers.js';
import type { ContainerSummary, Engine } from '../engine/index.js';
import { bareImageId } from '../engine/reference.js';

export async function containersUsingImage(
  engine: Engine,
  imageId: string,
  signal: AbortSignal,
): Promise<ContainerSummary[]> {
  const all = await engine.json<ContainerSummary[]>(listContainers, {
    query: { all: true },
    signal,
  });
  return all.filter((container) => bareImageId(container.ImageID) === bareImageId(imageId));
}
