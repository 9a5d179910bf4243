import { z } from 'zod';
import { topContainer, type TopResponse } from '../../engine/api/lifecycle.js';
import { describeEndpoint, EngineError } from '../../engine/index.js';
import { topTable } from '../../engine/top.js';
import { capItems } from '../../render/bound.js';
import { renderTable } from '../../render/table.js';
import { defineTool } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { targetLabel } from '../../containers/lookup.js';
import { countOf } from '../../render/units.js';

/** Rows beyond this are counted, not shown. */
export const MAX_TOP_ROWS = 200;

export const containerTop = defineTool({
  name: 'container_top',
  title: 'List processes in a container',
  description:
    'The processes running in a container (`docker top`), as `ps` on the engine host shows them: PID, user, start time, command. ' +
    `The container must be running (a paused one works too). At most ${MAX_TOP_ROWS} rows are shown; the answer says how many more there are.`,
  input: z.strictObject({
    id: containerId,
    ps_args: z
      .string()
      .max(200)
      .regex(
        /^[A-Za-z0-9 ,=_%+:.-]*$/,
        'must be plain ps options (letters, digits, spaces, , = _ % + : . -), e.g. "aux" or "-o pid,user,args"',
      )
      .default('-ef')
      .describe(
        'Options for ps on the engine host (default "-ef"), e.g. "aux" or "-o pid,rss,args"; the output must include a PID column',
      ),
  }),
  output: z.object({
    titles: z.array(z.string()),
    processes: z.array(z.array(z.string())),
    total: z.number().describe('How many processes the container has'),
    truncated: z.boolean(),
  }),
  effects: { always: [], targets: { one: 'id' } },
  async run(input, ctx) {
    const { engine, signal } = ctx;
    const label = targetLabel(ctx, input.id);
    const top = await engine.json<TopResponse | undefined>(topContainer, {
      params: { id: input.id },
      query: { ps_args: input.ps_args },
      signal,
    });
    if (top === undefined) {
      // Podman answers 200 with no body where dockerd answers 409 "is not running".
      throw new EngineError('conflict', `container ${label} is not running`, {
        endpoint: describeEndpoint(topContainer),
      });
    }
    const { titles, processes: all } = topTable(top);
    const { shown, omitted } = capItems(all, MAX_TOP_ROWS);
    const table = renderTable(
      titles.map((title, index) => ({
        header: title,
        value: (row: string[]) => row[index] ?? '',
        max: index === titles.length - 1 ? 200 : 40,
      })),
      shown,
    );
    const head = `${countOf(all.length, 'process', 'processes')} in ${label} (ps ${input.ps_args})`;
    const tail =
      omitted > 0 ? `\n… ${omitted} more not shown: narrow with ps_args (e.g. "-o pid,args").` : '';
    return {
      text: all.length === 0 ? `No processes in ${label}.` : `${head}\n${table}${tail}`,
      data: { titles, processes: shown, total: all.length, truncated: omitted > 0 },
    };
  },
});
