/**
 * A preview that names every container the call reaches into (../policy/reach.ts), what it
 * is doing and how the call reaches it, and binds their state: a call that joins a
 * container's namespace or writes its volumes acts on that container, and the person must
 * see which one before saying yes.
 */
import { REACH_EFFECTS } from '../../mcp/effects.js';
import type { Preview, Tool, ToolContext } from '../../mcp/define.js';
import { describeState, shortId } from '../../render/containers.js';
import { escapeControl } from '../../render/escape.js';
import { reachOfCall } from '../policy/reach-middleware.js';
import type { Reached } from '../policy/reach.js';

export async function withReach(
  preview: Preview,
  tool: Pick<Tool, 'effects'>,
  input: unknown,
  ctx: ToolContext,
  found?: readonly Reached[],
): Promise<Preview> {
  if (tool.effects.reaches === undefined) return preview;
  // The reach step just before the confirmation has read them this round: not again.
  const reached = found ?? (await reachOfCall(tool, input, ctx, ctx.config.policy.scopeLabel));
  const effects = preview.effects ?? tool.effects.mayAlso ?? [];
  const state = { preview: preview.state, reaches: reached.map(stateOf).sort(byId) };
  if (reached.length === 0) return { ...preview, state, effects };
  return {
    summary: [
      preview.summary,
      'It REACHES INTO other containers, which is acting on them: it can run code in them and destroy them:',
      ...reached.map((c) => `  - ${describe(c)}`),
    ].join('\n'),
    state,
    effects: [...effects, ...REACH_EFFECTS],
  };
}

function describe(container: Reached): string {
  const raw = container.raw;
  const what = raw
    ? `, image ${escapeControl(raw.Config.Image ?? raw.Image)}): ${describeState(raw.State)}`
    : ')';
  const ways = container.ways.map(escapeControl).join('; ');
  return `${escapeControl(container.name)} (${shortId(container.id)}${what}: ${ways}`;
}

function stateOf(container: Reached) {
  const state = container.raw?.State;
  return { id: container.id, status: state?.Status, started_at: state?.StartedAt };
}

const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
