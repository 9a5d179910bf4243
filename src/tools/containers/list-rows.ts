/** container_list's input, rows and table, shared by the one-engine and every-engine answers. */
import { z } from 'zod';
import type { QueryValue } from '../../engine/endpoint.js';
import type { ContainerSummary } from '../../engine/index.js';
import { containerName, formatPorts, shortId } from '../../render/containers.js';
import { renderTable, type Column } from '../../render/table.js';
import { countOf, formatBytesSI } from '../../render/units.js';
import {
  filterValue,
  filterValues,
  filtersInput,
  toEngineFilters,
} from '../../containers/inputs.js';

/** Rows beyond this are counted, not shown: a busy engine can have thousands. */
export const MAX_LIST_ROWS = 100;

const STATUSES = [
  'created',
  'restarting',
  'running',
  'removing',
  'paused',
  'exited',
  'dead',
] as const;
const HEALTH = ['starting', 'healthy', 'unhealthy', 'none'] as const;

const listFilters = z.strictObject({
  status: filterValues(
    z.enum(STATUSES),
    'State: created, restarting, running, removing, paused, exited, dead',
  ),
  label: filterValues(filterValue, 'Label "key" or "key=value"; several must all match'),
  name: filterValues(filterValue, 'Name (a regular expression matched against names)'),
  id: filterValues(filterValue, 'Id or id prefix'),
  ancestor: filterValues(
    filterValue,
    'Image the container was created from (name[:tag], id or digest), or a descendant of it',
  ),
  before: filterValues(filterValue, 'Created before this container (name or id)'),
  since: filterValues(filterValue, 'Created after this container (name or id)'),
  exited: filterValues(
    filterValue.regex(/^-?\d+$/, 'an exit code, e.g. "0" or "137"'),
    'Exit code (e.g. "137")',
  ),
  health: filterValues(z.enum(HEALTH), 'Health status: starting, healthy, unhealthy, none'),
  network: filterValues(filterValue, 'Network name or id'),
  volume: filterValues(filterValue, 'Volume name or mount point destination'),
  publish: filterValues(filterValue, 'Published port, "<port>[/<proto>]"'),
  expose: filterValues(filterValue, 'Exposed port, "<port>[/<proto>]"'),
  isolation: filterValues(z.enum(['default', 'process', 'hyperv']), 'Isolation (Windows engines)'),
  'is-task': filterValues(z.enum(['true', 'false']), 'Created by a Swarm service'),
});

export const containerRow = z.object({
  id: z.string().describe('Short id (12 characters)'),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  status: z
    .string()
    .describe('The engine\'s status line, e.g. "Up 3 minutes" or "Exited (0) 2 hours ago"'),
  created: z.string().describe('Creation time, RFC 3339'),
  ports: z.string(),
  labels: z.record(z.string(), z.string()),
  size_rw: z.number().optional().describe('Bytes written by the container (with size: true)'),
  size_root_fs: z.number().optional().describe('Total bytes of its filesystem (with size: true)'),
});

export const listInput = z.strictObject({
  all: z
    .boolean()
    .default(false)
    .describe('Include stopped and created containers (default: running only)'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe('Only the N most recently created containers (stopped ones included)'),
  size: z
    .boolean()
    .default(false)
    .describe("Also report the size of each container's files (slower)"),
  filters: filtersInput(
    listFilters,
    'Filters as an object, e.g. {"status": ["exited"], "label": ["app=web"]}; each value a string or a list. The JSON string form of the API is also accepted.',
  ),
});

export const listOutput = z.object({
  containers: z.array(containerRow),
  total: z.number().describe('How many containers matched'),
  truncated: z
    .boolean()
    .describe(`True when more than ${MAX_LIST_ROWS} matched and only the first were returned`),
});

export type ContainerRow = z.output<typeof containerRow>;
export type ListInput = z.output<typeof listInput>;

/** The engine query for a list input. */
export function listQuery(input: ListInput): Record<string, QueryValue> {
  return {
    all: input.all,
    limit: input.limit,
    size: input.size,
    filters: toEngineFilters(input.filters),
  };
}

export function toRow(container: ContainerSummary): ContainerRow {
  return {
    id: shortId(container.Id),
    name: containerName(container.Names),
    image: container.Image,
    state: container.State,
    status: container.Status,
    created: new Date(container.Created * 1000).toISOString(),
    ports: formatPorts(container.Ports),
    labels: container.Labels ?? {},
    ...(container.SizeRw !== undefined && { size_rw: container.SizeRw }),
    ...(container.SizeRootFs !== undefined && { size_root_fs: container.SizeRootFs }),
  };
}

export function renderList<Row extends ContainerRow>(
  rows: Row[],
  total: number,
  omitted: number,
  input: { all: boolean; size: boolean; filters?: unknown },
  columns: readonly Column<Row>[] = listColumns(input.size),
): string {
  const scope = `${input.all ? 'all containers' : 'running containers'}${input.filters ? ', filtered' : ''}`;
  if (total === 0) {
    return `No containers match (${scope}).${input.all ? '' : ' Pass all: true to include stopped ones.'}`;
  }
  const table = renderTable(columns, rows);
  const head = `${countOf(total, 'container')} (${scope})`;
  const tail =
    omitted > 0
      ? `\n… ${omitted} more not shown: narrow with filters (status, label, name, ancestor) or limit.`
      : '';
  return `${head}\n${table}${tail}`;
}

/** The table's columns: a size column only when sizes were asked for. */
export function listColumns(size: boolean): Column<ContainerRow>[] {
  return [
    { header: 'ID', value: (row) => row.id },
    { header: 'NAME', value: (row) => row.name, max: 40 },
    { header: 'IMAGE', value: (row) => row.image, max: 40 },
    { header: 'STATE', value: (row) => row.state },
    { header: 'STATUS', value: (row) => row.status, max: 40 },
    ...(size
      ? [
          {
            header: 'SIZE',
            value: (row: ContainerRow) =>
              `${formatBytesSI(row.size_rw ?? 0)} (virtual ${formatBytesSI(row.size_root_fs ?? 0)})`,
          },
        ]
      : []),
    { header: 'PORTS', value: (row) => row.ports, max: 80 },
  ];
}
