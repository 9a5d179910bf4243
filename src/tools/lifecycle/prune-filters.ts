/**
 * container_prune's filters, and the containers they select, computed the way the engine
 * does (so the preview names exactly what a prune removes): every container that is not
 * running (created, exited, dead), created before `until`, carrying every `label`, and not
 * carrying every one of the `label!` labels.
 */
import { z } from 'zod';
import { listContainers } from '../../engine/api/containers.js';
import type { ContainerSummary, Engine } from '../../engine/index.js';
import {
  labelsMatchAll,
  untilCutoff,
  untilValue as untilInput,
} from '../../containers/prune-filters.js';
import {
  filterValue,
  filterValues,
  filtersInput,
  toEngineFilters,
} from '../../containers/inputs.js';

const until = untilInput;

const pruneFilterShape = z.strictObject({
  until: z
    .union([until, z.array(until).length(1)])
    .optional()
    .describe('Only containers created before this: "24h" ago, Unix seconds or a date'),
  label: filterValues(
    filterValue.min(1),
    'Only containers with this label ("key" or "key=value"); several must all match',
  ),
  'label!': filterValues(
    filterValue.min(1),
    'Not containers with this label; with several, those carrying all of them are kept',
  ),
});

export const pruneFilters = filtersInput(
  pruneFilterShape,
  'Which stopped containers to remove, e.g. {"label": ["env=test"], "until": ["24h"]}; without filters every stopped container goes',
  ['until', 'label', 'label!'],
);
export type PruneFilters = z.output<typeof pruneFilterShape>;

/** The containers a prune with these filters would remove, with their sizes. */
export async function pruneCandidates(
  engine: Engine,
  filters: PruneFilters | undefined,
  signal: AbortSignal,
): Promise<ContainerSummary[]> {
  // Podman's service refuses the status "dead" (a 500: unknown container state).
  const dead = (await engine.flavor(signal)) === 'podman' ? [] : ['dead'];
  const engineFilters = toEngineFilters({
    status: ['created', 'exited', ...dead],
    label: filters?.label,
  });
  const stopped = await engine.json<ContainerSummary[]>(listContainers, {
    query: { all: true, size: true, filters: engineFilters },
    signal,
  });
  const untilValue = [filters?.until ?? []].flat()[0];
  const cutoff = untilValue === undefined ? undefined : untilCutoff(untilValue);
  const excluded = toEngineFilters({ 'label!': filters?.['label!'] })?.['label!'];
  return stopped.filter(
    (container) =>
      (cutoff === undefined || container.Created * 1000 < cutoff) &&
      (excluded === undefined || !labelsMatchAll(excluded, container.Labels ?? {})),
  );
}
