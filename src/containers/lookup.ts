/**
 * The engine lookups tools share: the container a call targets, and its state after the
 * call acted on it (for the answer).
 */
import type { z } from 'zod';
import { inspectContainer } from '../engine/api/containers.js';
import { inspectIfExists } from '../engine/api/lookup.js';
import type { CallOptions, ContainerInspect, Endpoint } from '../engine/index.js';
import type { ToolAnswer, ToolContext } from '../mcp/define.js';
import { stateLine, stateOf, type ContainerState, type lifecycleOutput } from './state.js';

/**
 * The state after an action. A container that is gone (auto-remove, a wait for "removed")
 * is reported as "removed".
 */
export async function stateAfter(
  ctx: ToolContext,
  id: string,
): Promise<{ data: ContainerState; line: string }> {
  const raw = await inspectIfExists(ctx.engine, id, ctx.signal);
  if (raw) return { data: stateOf(raw), line: stateLine(raw) };
  const data: ContainerState = {
    id,
    name: id,
    image: '',
    status: 'removed',
    running: false,
    paused: false,
    restarting: false,
    oom_killed: false,
    dead: false,
    pid: 0,
    exit_code: 0,
    error: '',
  };
  return { data, line: `${data.name}: removed (the engine no longer has it)` };
}

/** The usual answer: what was done (or that nothing needed doing), then the state now. */
export async function answerWithState(
  ctx: ToolContext,
  id: string,
  headline: string,
  changed: boolean,
): Promise<Required<Pick<ToolAnswer<z.output<typeof lifecycleOutput>>, 'text' | 'data'>>> {
  const after = await stateAfter(ctx, id);
  return { text: `${headline}\nNow: ${after.line}`, data: { changed, container: after.data } };
}

/**
 * The plain action: one engine call on the container, then its state. `reportOn` names the
 * container afterwards when the action changes its name (rename).
 */
export async function actThenReport(
  ctx: ToolContext,
  ep: Endpoint,
  id: string,
  headline: string,
  options: { query?: CallOptions['query']; reportOn?: string } = {},
) {
  await ctx.engine.call(ep, { params: { id }, query: options.query, signal: ctx.signal });
  return answerWithState(ctx, options.reportOn ?? id, headline, true);
}

/** The container a call targets (inspect; a 404 is the engine's answer). */
export function inspectTarget(ctx: ToolContext, id: string): Promise<ContainerInspect> {
  return ctx.engine.json<ContainerInspect>(inspectContainer, {
    params: { id },
    signal: ctx.signal,
  });
}
