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
import { parsePsArgs, PODMAN_COLUMNS, type PsArgs } from './ps-args.js';

/** Rows beyond this are counted, not shown. */
export const MAX_TOP_ROWS = 200;

export const containerTop = defineTool({
  name: 'container_top',
  title: 'List processes in a container',
  description:
    'The processes running in a container (`docker top`): PID, user, start time, command. ' +
    '`ps_args` picks the columns, as ps options: "-ef" (default), "aux", "-f", "-l", or "-o" with column names including pid ("-o pid,user,args"); options that select other processes, rename columns or add the environment are refused, with the list of what is accepted. ' +
    `The container must be running (a paused one works too). At most ${MAX_TOP_ROWS} rows are shown; the answer says how many more there are.`,
  input: z.strictObject({
    id: containerId,
    ps_args: z
      .string()
      .max(200)
      .default('-ef')
      .superRefine((value, ctx) => {
        const parsed = parsePsArgs(value);
        if ('problem' in parsed) ctx.addIssue({ code: 'custom', message: parsed.problem });
      })
      .describe(
        'Which columns, as ps options (default "-ef"): "aux", "-f", "-l", "-j", or "-o pid,user,args" (known column names, pid among them). Nothing that selects other processes, renames columns or adds the environment',
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
    const args = parsePsArgs(input.ps_args) as PsArgs;
    const podman = (await engine.flavor(signal)) === 'podman';
    if (podman && args.notOnPodman.length > 0) return notOnPodman(args);
    const top = await engine.json<TopResponse | undefined>(topContainer, {
      params: { id: input.id },
      // Podman runs ps inside the container for anything but its reader's own descriptors.
      query: { ps_args: podman ? args.podman : args.docker },
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
    const how = podman ? `Podman's reader: ${args.podman}` : `ps ${args.docker}`;
    const head = `${countOf(all.length, 'process', 'processes')} in ${label} (${how})`;
    const tail =
      omitted > 0 ? `\n… ${omitted} more not shown: narrow with ps_args (e.g. "-o pid,args").` : '';
    return {
      text: all.length === 0 ? `No processes in ${label}.` : `${head}\n${table}${tail}`,
      data: { titles, processes: shown, total: all.length, truncated: omitted > 0 },
    };
  },
});

/** Podman's reader has no such column: say which it has instead of running ps in the container. */
function notOnPodman(args: PsArgs) {
  return {
    isError: true,
    text: `container_top: Podman reads a container's processes with its own reader, which has no column ${args.notOnPodman.map((c) => `"${c}"`).join(', ')}; nothing was run. Next: leave it out, or use "-ef", "aux" or -o with ${PODMAN_COLUMNS}.`,
  };
}
