/**
 * What the tool definitions cost: every model turn of every conversation carries each tool's
 * name, description and input schema, as tools/list gives them under the default flags. Counted
 * in cl100k tokens, as JSON.stringify({name, description, inputSchema}). The budget test holds
 * the limits; `npm run bench -- tokens` prints them per tool.
 */
import { getEncoding } from 'js-tiktoken';
import { z } from 'zod';
import { DEFAULT_CONFIG, type Config } from '../../src/config.js';
import { describeTool } from '../../src/mcp/listing.js';
import { withConfirmation } from '../../src/safety/confirm/tools.js';
import { applyToolPolicy } from '../../src/safety/policy/index.js';
import { TOOLS } from '../../src/tools/index.js';

/** The budgets: all tools together, and any one of them. */
export const ALL_TOOLS_BUDGET = 10_000;
export const ONE_TOOL_BUDGET = 1_500;

const encoder = getEncoding('cl100k_base');

export interface DefinitionCost {
  name: string;
  /** As tools/list shows it. */
  tokens: number;
  /** The same tool with the whole schema the server validates with, as JSON Schema. */
  strictTokens: number;
}

export function definitionTokens(config: Config = DEFAULT_CONFIG): DefinitionCost[] {
  const count = (value: unknown): number => encoder.encode(JSON.stringify(value)).length;
  return withConfirmation(applyToolPolicy(TOOLS, config), config).map((tool) => {
    const { name, description, inputSchema } = describeTool(tool);
    const { $schema: _ignored, ...strict } = z.toJSONSchema(tool.input, {
      io: 'input',
      unrepresentable: 'any',
    });
    return {
      name,
      tokens: count({ name, description, inputSchema }),
      strictTokens: count({ name, description, inputSchema: strict }),
    };
  });
}
