/**
 * The wrapper's extension point: each middleware sees a validated call and decides whether
 * and how it runs (policy, confirmation, redaction, audit). They run in order, outermost
 * first, around the tool's `run`.
 */
import type { Tool, ToolAnswer, ToolContext } from './define.js';

export interface ToolCall {
  tool: Tool;
  /** The validated input (zod output). */
  input: unknown;
  /** The arguments exactly as the client sent them. */
  rawArguments: Record<string, unknown>;
  ctx: ToolContext;
}

export type ToolMiddleware = (
  call: ToolCall,
  next: () => Promise<ToolAnswer>,
) => Promise<ToolAnswer>;

export function compose(
  middlewares: readonly ToolMiddleware[],
  call: ToolCall,
): Promise<ToolAnswer> {
  const step = (index: number): Promise<ToolAnswer> => {
    const middleware = middlewares[index];
    return middleware
      ? middleware(call, () => step(index + 1))
      : call.tool.run(call.input, call.ctx);
  };
  return step(0);
}
