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
  filterValue,
  filterValues,
  filtersInput,
  toEngineFilters,
} from '../../containers/inputs.js';

const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const UNIX_SECONDS = /^\d+(\.\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** The cutoff `until` names, in ms since the epoch; undefined when it is not a valid form. */
export function untilCutoff(value: string, now = Date.now()): number | undefined {
  if (GO_DURATION.test(value)) {
    let total = 0;
    for (const [, amount, , unit] of value.matchAll(/(\d+(\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
      total += Number(amount) * (UNIT_MS[unit ?? ''] ?? 0);
    }
    return now - total;
  }
  if (UNIX_SECONDS.test(value)) return Number(value) * 1000;
  if (DATE.test(value)) {
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}

const until = z
  .string()
  .max(64)
  .refine(
    (value) => untilCutoff(value) !== undefined,
    'must be a Go duration ("10m", "1h30m", "24h"), Unix seconds ("1767225600") or a date ("2026-01-31" or "2026-01-31T12:00:00Z")',
  );

const pruneFilterShape = z.strictObject({
  until: z
    .union([until, z.array(until).length(1)])
    .optional()
    .describe(
      'Only containers created before this: a duration ago ("24h"), Unix seconds or a date',
    ),
  label: filterValues(
    filterValue.min(1),
    'Only containers with this label ("key" or "key=value"); several must all match',
  ),
  'label!': filterValues(
    filterValue.min(1),
    'Not containers with this label ("key" or "key=value"); with several, containers carrying all of them are kept',
  ),
});

export const pruneFilters = filtersInput(
  pruneFilterShape,
  'Which stopped containers to remove, e.g. {"label": ["env=test"], "until": "24h"}; without filters every stopped container goes. The JSON string form of the API is also accepted.',
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
      (excluded === undefined || !matchesAll(excluded, container.Labels ?? {})),
  );
}

/** The engine's MatchKVList: every "key" or "key=value" is among the labels. */
function matchesAll(wanted: readonly string[], labels: Record<string, string>): boolean {
  return wanted.every((entry) => {
    const [key = '', ...rest] = entry.split('=');
    if (!(key in labels)) return false;
    return rest.length === 0 || labels[key] === rest.join('=');
  });
}
