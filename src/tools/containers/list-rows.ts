/** container_list's input, rows and table, shared by the one-engine and every-engine answers. */
import { z } from 'zod';
import type { QueryValue } from '../../engine/endpoint.js';
import type { ContainerSummary } from '../../engine/index.js';
import { containerName, formatPorts, shortId } from '../../render/containers.js';
import { isSecretName } from '../../render/secret-names.js';
import { renderTable, tableData, type Column } from '../../render/table.js';
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
  status: filterValues(z.enum(STATUSES), 'State'),
  label: filterValues(filterValue, 'Label "key" or "key=value"; several must all match'),
  name: filterValues(filterValue, 'Name (a regular expression matched against names)'),
  id: filterValues(filterValue, 'Id or id prefix'),
  ancestor: filterValues(filterValue, 'Image it was created from (or a descendant)'),
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

/** A container as list answers hold it before it becomes a row of the table. */
export interface ContainerRow {
  id: string;
  name: string;
  image: string;
  state: string;
  status: string;
  ports: string;
  labels: Record<string, string>;
  size_rw?: number;
  size_root_fs?: number;
}

/** Every column a list answer can have, in the order they appear. */
export const LIST_COLUMNS = [
  'engine',
  'id',
  'name',
  'image',
  'state',
  'status',
  'size',
  'ports',
  'labels',
] as const;

export const listInput = z.strictObject({
  all: z.boolean().default(false).describe('Include stopped containers (default: running only)'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe('Only the N newest containers (stopped ones too)'),
  size: z.boolean().default(false).describe("Also each container's size (slower)"),
  labels: z
    .boolean()
    .default(false)
    .describe('Show labels (default: only those a label filter names)'),
  filters: filtersInput(
    listFilters,
    'Filters, e.g. {"status": ["exited"], "label": ["app=web"]}, as the Engine API names them',
    ['label', 'name', 'ancestor'],
  ),
});

export const listOutput = z.object({
  total: z.number().describe('How many containers matched'),
  columns: z.array(z.enum(LIST_COLUMNS)).describe('What each row holds, in order'),
  containers: z
    .array(z.array(z.string()))
    .describe('One row per container: its values in the order of `columns`'),
  left_out: z
    .string()
    .optional()
    .describe('How many matching containers are not shown, and how to see them'),
  next: z.string().optional().describe('What to try when nothing matched'),
});

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
    ports: formatPorts(container.Ports),
    labels: container.Labels ?? {},
    ...(container.SizeRw !== undefined && { size_rw: container.SizeRw }),
    ...(container.SizeRootFs !== undefined && { size_root_fs: container.SizeRootFs }),
  };
}

/** What a list answer shows besides the rows: sizes, and which labels. */
export interface ListView {
  all: boolean;
  size: boolean;
  /** Every label (labels: true), the keys a label filter names, or none. */
  labels: 'all' | readonly string[];
  /** The caller filtered (the scope's own label filter does not count). */
  filtered: boolean;
}

/**
 * The view of a list input. The scope label (--scope-label) is on every container in scope
 * and is added to the filters by the server, not asked for: it is neither shown nor counted
 * as a filter.
 */
export function listView(input: ListInput, scopeKey: string | undefined): ListView {
  const given = input.filters?.label;
  const labelFilters = given === undefined ? [] : Array.isArray(given) ? given : [given];
  const keys = [...new Set(labelFilters.map((filter) => filter.split('=')[0] ?? filter))].filter(
    (key) => key !== scopeKey,
  );
  const others = Object.entries(input.filters ?? {}).filter(
    ([name, value]) => name !== 'label' && value !== undefined,
  );
  return {
    all: input.all,
    size: input.size,
    labels: input.labels ? 'all' : keys,
    filtered: others.length > 0 || keys.length > 0,
  };
}

export type ListData = z.output<typeof listOutput>;

/** The text table and the same rows as data, with what was left out said in both. */
export function listAnswer<Row extends ContainerRow>(
  rows: Row[],
  total: number,
  omitted: number,
  view: ListView,
  first: readonly Column<Row>[] = [],
): { text: string; data: ListData } {
  const scope = `${view.all ? 'all containers' : 'running containers'}${view.filtered ? ', filtered' : ''}`;
  if (total === 0) {
    const next = view.all ? undefined : 'Pass all: true to include stopped ones.';
    return {
      text: `No containers match (${scope}).${next ? ` ${next}` : ''}`,
      data: { total, columns: [], containers: [], ...(next && { next }) },
    };
  }
  const columns = [...first, ...listColumns(view)];
  const leftOut =
    omitted > 0
      ? `${omitted} more not shown: narrow with filters (status, label, name, ancestor) or limit.`
      : undefined;
  const table = renderTable(columns, rows);
  const { columns: names, rows: cells } = tableData(
    columns.filter((column) => column.header !== 'PORTS' || rows.some((row) => row.ports)),
    rows,
  );
  return {
    text: `${countOf(total, 'container')} (${scope})\n${table}${leftOut ? `\n… ${leftOut}` : ''}`,
    data: {
      total,
      columns: names as ListData['columns'],
      containers: cells,
      ...(leftOut && { left_out: leftOut }),
    },
  };
}

/**
 * The table's columns: size only when sizes were asked for, labels only when asked for or
 * filtered on. (The structured form leaves out a ports column that is empty in every row.)
 */
function listColumns(view: ListView): Column<ContainerRow>[] {
  return [
    { header: 'ID', value: (row) => row.id },
    { header: 'NAME', value: (row) => row.name, max: 40 },
    { header: 'IMAGE', value: (row) => row.image, max: 40 },
    { header: 'STATE', value: (row) => row.state },
    { header: 'STATUS', value: (row) => row.status, max: 40 },
    ...(view.size
      ? [
          {
            header: 'SIZE',
            value: (row: ContainerRow) =>
              `${formatBytesSI(row.size_rw ?? 0)} (virtual ${formatBytesSI(row.size_root_fs ?? 0)})`,
          },
        ]
      : []),
    { header: 'PORTS', value: (row) => row.ports, max: 80 },
    ...(view.labels === 'all' || view.labels.length > 0
      ? [
          {
            header: 'LABELS',
            value: (row: ContainerRow) => labelsCell(row, view.labels),
            max: 2000,
          },
        ]
      : []),
  ];
}

/**
 * "key=value, key=value": every label, or those the filter named. Secret-looking keys come
 * last: redaction hides everything after a secret's "key=" (a value may hold ", x=y"), so
 * the labels before it stay readable, and LABELS is the last column.
 */
function labelsCell(row: ContainerRow, keys: 'all' | readonly string[]): string {
  const entries =
    keys === 'all'
      ? Object.entries(row.labels)
      : keys.flatMap((key) =>
          Object.hasOwn(row.labels, key) ? [[key, row.labels[key] ?? ''] as const] : [],
        );
  const secretLast = [
    ...entries.filter(([key]) => !isSecretName(key)),
    ...entries.filter(([key]) => isSecretName(key)),
  ];
  return secretLast.map(([key, value]) => `${key}=${value}`).join(', ');
}
