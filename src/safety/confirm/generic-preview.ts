/**
 * The preview of a guarded tool that has none of its own (a write tool under
 * `--confirm write`, or a tool named in a list): the container it targets, as the call's one
 * lookup found it, and the arguments, what reaches past the container first. Destructive
 * tools bring their own, more precise preview. Either way, the containers a call reaches into
 * are named after it (./reach-preview.ts).
 */
import type { Preview, Tool, ToolContext } from '../../mcp/define.js';
import { inspectTarget } from '../../containers/lookup.js';
import { targetPreview } from '../../containers/preview.js';
import { describeArguments } from './arguments-preview.js';
import { guardOf, previewNeedsYes } from './mode.js';
import type { Reached } from '../policy/reach.js';
import { withReach } from './reach-preview.js';

/**
 * The preview must reach the person whole: nothing in it is shortened but names and labels,
 * so one longer than an answer can carry is refused rather than cut.
 */
const MAX_PREVIEW_CHARS = 80_000;

export async function previewOf(
  tool: Tool,
  input: unknown,
  ctx: ToolContext,
  reached?: readonly Reached[],
): Promise<Preview> {
  const preview = await withReach(await ownPreview(tool, input, ctx), tool, input, ctx, reached);
  // A preview computed only to learn that no one need be asked is never shown.
  const mode = ctx.config.confirm.mode;
  const shown =
    guardOf(mode, tool, input) === 'yes' || previewNeedsYes(mode, tool.effects, preview.effects);
  if (shown && preview.summary.length > MAX_PREVIEW_CHARS)
    throw new Error(
      `what it would do takes ${preview.summary.length.toLocaleString('en')} characters to show, more than a confirmation can show in full (${MAX_PREVIEW_CHARS.toLocaleString('en')}), and none of it may be left out: nothing was changed. Next: make the call smaller (fewer or shorter environment entries, a shorter command or input), or do it outside this assistant.`,
    );
  return preview;
}

async function ownPreview(tool: Tool, input: unknown, ctx: ToolContext): Promise<Preview> {
  if (tool.preview) return tool.preview(input, ctx);
  const given = input as Record<string, unknown>;
  const targets = tool.effects.targets;
  // The argument holds the target's full id; the target line names the container.
  const argument = 'one' in targets ? targets.one : undefined;
  const id = argument === undefined ? undefined : given[argument];
  const args = describeArguments(tool.effects, given, argument === undefined ? [] : [argument]);
  if (typeof id !== 'string') return { summary: `${tool.title}, with ${args}`, state: null };
  const target = targetPreview(await inspectTarget(ctx, id), `${tool.title}:`);
  return { summary: `${target.summary}\nWith ${args}`, state: target.state };
}
