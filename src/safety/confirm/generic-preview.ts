/**
 * The preview of a guarded tool that has none of its own (a write tool under
 * `--confirm write` or a list): the container it targets, as the engine sees it, and the
 * arguments. Destructive tools bring their own, more precise preview.
 */
import { boundText } from '../../render/bound.js';
import type { Preview, Tool, ToolContext } from '../../mcp/define.js';
import { inspectTarget } from '../../containers/lookup.js';
import { targetPreview } from '../../containers/preview.js';
import { canonicalJson } from './canonical.js';

const MAX_ARGUMENTS_CHARS = 600;

export async function previewOf(tool: Tool, input: unknown, ctx: ToolContext): Promise<Preview> {
  if (tool.preview) return tool.preview(input, ctx);
  const args = boundText(canonicalJson(input), MAX_ARGUMENTS_CHARS);
  const targets = tool.effects.targets;
  const id = 'one' in targets ? (input as Record<string, unknown>)[targets.one] : undefined;
  if (typeof id !== 'string') return { summary: `${tool.title}, with ${args}`, state: null };
  const target = targetPreview(await inspectTarget(ctx, id), `${tool.title}:`);
  return { summary: `${target.summary}; arguments ${args}`, state: target.state };
}
