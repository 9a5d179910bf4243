import { listContainers } from '../../engine/api/containers.js';
import type { ContainerSummary } from '../../engine/index.js';
import { defineTool } from '../../mcp/define.js';
import { capItems } from '../../render/bound.js';
import { acrossOutput, listAcrossEngines } from './list-across.js';
import {
  listAnswer,
  listInput,
  listOutput,
  listQuery,
  listView,
  MAX_LIST_ROWS,
  toRow,
} from './list-rows.js';

export const containerList = defineTool({
  name: 'container_list',
  title: 'List containers',
  description:
    'List containers, like `docker ps`: id, name, image, state, status, ports (labels with `labels: true`); running only unless `all`. ' +
    `Filter by state, label, name, image and more with \`filters\`, e.g. {"status": ["exited"], "label": ["app=web"]}. At most ${MAX_LIST_ROWS} rows are shown; the answer says how many more matched.`,
  input: listInput,
  output: listOutput,
  effects: { always: [], targets: { matching: 'filters' } },
  acrossEngines: { output: acrossOutput, run: listAcrossEngines },
  async run(input, { engine, signal, config }) {
    const found = await engine.json<ContainerSummary[]>(listContainers, {
      query: listQuery(input),
      signal,
    });
    const { shown, omitted } = capItems(found, MAX_LIST_ROWS);
    const view = listView(input, config.policy.scopeLabel?.key);
    return listAnswer(shown.map(toRow), found.length, omitted, view);
  },
});
