/**
 * With several engines, every tool takes an optional `engine` argument naming one (default:
 * the first); container_list also takes "*" for all of them. Added here, to the whole
 * table, so no tool declares it and a one-engine server's schemas stay as they were.
 */
import { z } from 'zod';
import type { Config } from '../config.js';
import { ALL_ENGINES } from '../engine-flags.js';
import { listEverywhere } from './containers/list-across.js';
import type { Tool } from './define.js';

export function withEngineArgument(tools: readonly Tool[], config: Config): readonly Tool[] {
  const names = config.engines.map((engine) => engine.name);
  const [first] = names;
  if (first === undefined || names.length < 2) return tools;
  const which = `Engine to run on: ${names.map((n) => `"${n}"`).join(', ')} (default "${first}")`;
  return tools.map((tool) => {
    if (tool.name === 'container_list') {
      const argument = z
        .enum(nonEmpty([...names, ALL_ENGINES]))
        .optional()
        .describe(
          `${which}, or "${ALL_ENGINES}" for every engine at once (an ENGINE column; an engine that is down is reported, not fatal)`,
        );
      return listEverywhere(
        { ...tool, input: tool.input.safeExtend({ engine: argument }) },
        ALL_ENGINES,
      );
    }
    const argument = z.enum(nonEmpty(names)).optional().describe(which);
    return { ...tool, input: tool.input.safeExtend({ engine: argument }) };
  });
}

function nonEmpty(values: string[]): [string, ...string[]] {
  return values as [string, ...string[]];
}
