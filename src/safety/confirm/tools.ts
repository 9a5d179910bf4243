/**
 * The tool table as a model sees it under confirmation: guarded tools take a `confirm`
 * token, say so in their description, and may answer the confirmation object instead of
 * their own output (MCP clients check structured content against the output schema even
 * on errors).
 */
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Tool } from '../../mcp/define.js';
import { confirmationOutput } from './answer.js';
import type { ConfirmFallback } from '../../config.js';
import { mayBeGuarded } from './mode.js';
import { CONFIRM_VARIANT, useVariant } from '../../mcp/precomputed-schemas.js';

const confirmInput = z
  .string()
  .min(1)
  .max(200)
  .optional()
  .describe('Confirmation token (leave out at first)');

const NOTE =
  '\nNeeds a confirmation: the user is asked, or the first call previews and returns a `confirm` token.';

export function withConfirmation(tools: readonly Tool[], config: Config): Tool[] {
  // Under --stateless (unless a fallback was chosen) no token is ever issued: no `confirm`.
  const fallback = config.confirm.stateless === 'refuse' ? 'deny' : config.confirm.fallback;
  return tools.map((tool) =>
    mayBeGuarded(config.confirm.mode, tool) ? guard(tool, fallback) : tool,
  );
}

function guard(tool: Tool, fallback: ConfirmFallback): Tool {
  if (fallback === 'deny')
    return {
      ...tool,
      description: `${tool.description}\nNeeds a confirmation from the user: refused when the client cannot ask.`,
    };
  const widened: Tool = {
    ...tool,
    description: `${tool.description}${NOTE}`,
    input: tool.input.safeExtend({ confirm: confirmInput }),
    output: tool.output && z.union([tool.output, confirmationOutput]),
  };
  // The bundle computed this widening's JSON Schemas already (a tenth of a start otherwise).
  useVariant(tool, widened, CONFIRM_VARIANT);
  return widened;
}
