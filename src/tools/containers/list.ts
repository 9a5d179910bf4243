import { listContainers } from '../../engine/api/containers.js';
import type { ContainerSummary } from '../../engine/index.js';
import { defineTool } from '../../mcp/define.js';
import { capItems } from '../../render/bound.js';
import { acrossOutput, listAcrossEngines } from './list-across.js';
import { listInput, listOutput, listQuery, MAX_LIST_ROWS, renderList, toRow } from './list-rows.js';

export const containerList = defineTool({
  name: 'container_list',
  title: 'List containers',
  description:
    'List containers, like `docker ps`: id, name, image, state, status and ports. Running containers only unless `all` is true. ' +
    `Filter by state, label, name, image and more with \`filters\`, e.g. {"status": ["exited"], "label": ["app=web"]}. At most ${MAX_LIST_ROWS} rows are shown; the answer says how many more matched.`,
  input: listInput,
  output: listOutput,
  effects: { always: [], targets: { matching: 'filters' } },
  acrossEngines: { output: acrossOutput, run: listAcrossEngines },
  async run(input, { engine, signal }) {
    const found = await engine.json<ContainerSummary[]>(listContainers, {
      query: listQuery(input),
      signal,
    });
    const { shown, omitted } = capItems(found, MAX_LIST_ROWS);
    const rows = shown.map(toRow);
    return {
      text: renderList(rows, found.length, omitted, input),
      data: { containers: rows, total: found.length, truncated: omitted > 0 },
    };
  },
});
