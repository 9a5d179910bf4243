/**
 * container_list with `engine: "*"`: the same list on every engine at once, with an ENGINE
 * column. An engine that cannot answer becomes a note, not a failed call: one engine down
 * must not hide the others.
 */
import { z } from 'zod';
import { listContainers } from '../../engine/api/containers.js';
import { EngineError, type ContainerSummary, type Engine } from '../../engine/index.js';
import { capItems } from '../../render/bound.js';
import type { ToolAnswer, ToolContext } from '../../mcp/define.js';
import { describeEngineError } from '../../mcp/errors.js';
import {
  listAnswer,
  listOutput,
  listQuery,
  listView,
  MAX_LIST_ROWS,
  toRow,
  type ContainerRow,
  type ListInput,
} from './list-rows.js';

/** The output schema with each engine's outcome; rows start with an engine column. */
export const acrossOutput = listOutput.extend({
  engines: z
    .array(
      z.object({
        name: z.string(),
        total: z.number().optional().describe('Containers that matched on this engine'),
        error: z.string().optional().describe('Why this engine could not be listed'),
      }),
    )
    .optional()
    .describe('With engine: "*": how each engine answered'),
});

type Outcome = { engine: Engine; found: ContainerSummary[] } | { engine: Engine; error: string };

/** Lists on every engine in parallel; the input is container_list's, without `engine`. */
export async function listAcrossEngines(
  input: ListInput,
  ctx: ToolContext,
): Promise<ToolAnswer<z.output<typeof acrossOutput>>> {
  const engines = ctx.engines?.all ?? [ctx.engine];
  const outcomes = await Promise.all(engines.map((engine) => listOn(engine, input, ctx.signal)));
  const all = outcomes.flatMap((outcome) =>
    'found' in outcome
      ? outcome.found.map((container) => ({ ...toRow(container), engine: outcome.engine.name }))
      : [],
  );
  const { shown, omitted } = capItems(all, MAX_LIST_ROWS);
  const engineColumn = {
    header: 'ENGINE',
    value: (row: ContainerRow & { engine: string }) => row.engine,
  };
  const notes = outcomes.flatMap((outcome) =>
    'error' in outcome
      ? [
          `Engine "${outcome.engine.name}" (${outcome.engine.displayAddress}) could not be listed: ${outcome.error}`,
        ]
      : [],
  );
  const view = listView(input, ctx.config.policy.scopeLabel?.key);
  const { text, data } = listAnswer(shown, all.length, omitted, view, [engineColumn]);
  return {
    text: [`Engines: ${engines.map((e) => e.name).join(', ')}.`, text, ...notes].join('\n'),
    data: {
      ...data,
      engines: outcomes.map((outcome) =>
        'found' in outcome
          ? { name: outcome.engine.name, total: outcome.found.length }
          : { name: outcome.engine.name, error: outcome.error },
      ),
    },
  };
}

async function listOn(engine: Engine, input: ListInput, signal: AbortSignal): Promise<Outcome> {
  try {
    const found = await engine.json<ContainerSummary[]>(listContainers, {
      query: listQuery(input),
      signal,
    });
    return { engine, found };
  } catch (error) {
    if (!(error instanceof EngineError) || error.code === 'cancelled') throw error;
    return { engine, error: describeEngineError(error).replace(/\n/g, ' ') };
  }
}
