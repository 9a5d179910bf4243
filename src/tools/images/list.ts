import { z } from 'zod';
import { listImages, type ImageSummary } from '../../engine/api/images.js';
import {
  filterValue,
  filterValues,
  filtersInput,
  toEngineFilters,
} from '../../containers/inputs.js';
import { defineTool } from '../../mcp/define.js';
import { capItems } from '../../render/bound.js';
import { shortId } from '../../render/containers.js';
import { renderTable, tableData, type Column } from '../../render/table.js';
import { humanDuration } from '../../render/time.js';
import { formatBytesSI } from '../../render/units.js';

/** Rows beyond this are counted, not shown, as in container_list. */
const MAX_ROWS = 100;

const imageFilters = z.strictObject({
  reference: filterValues(filterValue, 'Name pattern, e.g. "postgres" or "ghcr.io/acme/*:1.*"'),
  dangling: z.enum(['true', 'false']).optional().describe('"true": only images without a name'),
  label: filterValues(filterValue, 'Label "key" or "key=value"'),
  before: filterValues(filterValue, 'Created before this image'),
  since: filterValues(filterValue, 'Created after this image'),
});

interface Row {
  name: string;
  id: string;
  created: number;
  size: number;
}

const COLUMNS: Column<Row>[] = [
  { header: 'IMAGE', value: (row) => row.name, max: 80 },
  { header: 'ID', value: (row) => row.id },
  { header: 'CREATED', value: (row) => `${humanDuration(Date.now() - row.created * 1000)} ago` },
  { header: 'SIZE', value: (row) => formatBytesSI(row.size) },
];

export const imageList = defineTool({
  name: 'image_list',
  title: 'List images',
  description:
    'The images on the engine, like `docker images`: name:tag, short id, age, size; one row per tag. ' +
    `At most ${MAX_ROWS} rows; the answer says how many more matched and how to narrow.`,
  input: z.strictObject({
    all: z.boolean().default(false).describe('Include intermediate layers (default false)'),
    filters: filtersInput(imageFilters, 'Filters, e.g. {"reference": ["postgres"]}', [
      'reference',
      'dangling',
    ]),
  }),
  output: z.object({
    columns: z.array(z.string()),
    images: z.array(z.array(z.string())),
    total: z.number().describe('Rows that matched'),
    left_out: z.string().optional().describe('How many rows are not shown, and how to see them'),
  }),
  effects: { always: [], targets: { images: true } },
  async run(input, ctx) {
    const found = await ctx.engine.json<ImageSummary[] | null>(listImages, {
      query: { all: input.all, filters: toEngineFilters(input.filters) },
      signal: ctx.signal,
    });
    const rows = (found ?? [])
      .flatMap((image) => rowsOf(image))
      .sort((a, b) => b.created - a.created || a.name.localeCompare(b.name));
    const { shown, omitted } = capItems(rows, MAX_ROWS);
    const left =
      omitted > 0
        ? `${omitted} more rows not shown: narrow with filters, e.g. {"reference": ["name*"]}`
        : undefined;
    const table = tableData(COLUMNS, shown);
    const text =
      rows.length === 0
        ? `No images${input.filters ? ' match the filters' : ''}.`
        : [renderTable(COLUMNS, shown), ...(left ? [left] : [])].join('\n');
    return {
      text,
      data: {
        columns: table.columns,
        images: table.rows,
        total: rows.length,
        ...(left !== undefined && { left_out: left }),
      },
    };
  },
});

function rowsOf(image: ImageSummary): Row[] {
  const base = { id: shortId(image.Id), created: image.Created, size: image.Size };
  const tags = (image.RepoTags ?? []).filter((tag) => !tag.startsWith('<none>'));
  if (tags.length > 0) return tags.map((name) => ({ ...base, name }));
  const digest = (image.RepoDigests ?? []).find((name) => !name.startsWith('<none>'));
  return [{ ...base, name: digest ?? '<none>' }];
}
