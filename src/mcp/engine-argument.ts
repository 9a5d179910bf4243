/**
 * With several engines, every tool takes an optional `engine` argument naming one (default:
 * the first); a tool that declares `acrossEngines` also takes "*" for all of them. Added
 * here, to the whole table, so no tool declares it and a one-engine server's schemas stay as
 * they were.
 */
import { z } from 'zod';
import type { Config } from '../config.js';
import { ALL_ENGINES } from '../engine/index.js';
import type { Tool } from './define.js';

export function withEngineArgument(tools: readonly Tool[], config: Config): readonly Tool[] {
  const names = config.engines.map((engine) => engine.name);
  const [first] = names;
  if (first === undefined || names.length < 2) return tools;
  const which = `Engine to run on: ${names.map((n) => `"${n}"`).join(', ')} (default "${first}")`;
  return tools.map((tool) => {
    const across = tool.acrossEngines;
    if (!across) {
      const argument = z.enum(nonEmpty(names)).optional().describe(which);
      return { ...tool, input: tool.input.safeExtend({ engine: argument }) };
    }
    const argument = z
      .enum(nonEmpty([...names, ALL_ENGINES]))
      .optional()
      .describe(
        `${which}, or "${ALL_ENGINES}" for every engine at once (an ENGINE column; an engine that is down is reported, not fatal)`,
      );
    return {
      ...tool,
      input: tool.input.safeExtend({ engine: argument }),
      output: across.output,
      // engineSelection (./engine-selection.ts) takes a named engine out of the input; "*" stays.
      run: (input, ctx) => {
        const { engine, ...rest } = input as { engine?: string };
        return engine === ALL_ENGINES ? across.run(rest, ctx) : tool.run(rest, ctx);
      },
    };
  });
}

function nonEmpty(values: string[]): [string, ...string[]] {
  return values as [string, ...string[]];
}
