/**
 * The engine lookups tools share: the container a call targets, and its state after the
 * call acted on it (for the answer).
 */
import type { z } from 'zod';
import { inspectContainer } from '../engine/api/containers.js';
import { inspectIfExists } from '../engine/api/lookup.js';
import type { CallOptions, ContainerInspect, Endpoint } from '../engine/index.js';
import type { ToolAnswer, ToolContext } from '../mcp/define.js';
import { nameOf } from '../render/containers.js';
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
    name: ctx.target?.id === id ? nameOf(ctx.target.container) : id,
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

/** The plain action: one engine call on the container (by its full id), then its state. */
export async function actThenReport(
  ctx: ToolContext,
  ep: Endpoint,
  id: string,
  headline: string,
  options: { query?: CallOptions['query'] } = {},
) {
  await ctx.engine.call(ep, { params: { id }, query: options.query, signal: ctx.signal });
  return answerWithState(ctx, id, headline, true);
}

/**
 * The container a call targets: the document its one lookup found (ToolContext.target), or,
 * for a call that was not resolved (a tool run on its own), an inspect (a 404 is the engine's
 * answer).
 */
export function inspectTarget(ctx: ToolContext, id: string): Promise<ContainerInspect> {
  if (ctx.target?.id === id) return Promise.resolve(ctx.target.container);
  return ctx.engine.json<ContainerInspect>(inspectContainer, {
    params: { id },
    signal: ctx.signal,
  });
}

/** How answers name the target: as the caller wrote it (the argument itself holds the full id). */
export function targetLabel(ctx: ToolContext, id: string): string {
  return ctx.target?.id === id ? ctx.target.given : id;
}

/**
 * The context with the target's document read again, by its full id: after the person took
 * their time to answer, the re-check must see the container as it is now.
 */
export async function refreshTarget(ctx: ToolContext): Promise<ToolContext> {
  if (!ctx.target) return ctx;
  const container = await ctx.engine.json<ContainerInspect>(inspectContainer, {
    params: { id: ctx.target.id },
    signal: ctx.signal,
  });
  return { ...ctx, target: { ...ctx.target, container } };
}
