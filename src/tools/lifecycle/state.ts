/**
 * What every lifecycle tool reports afterwards: the container's state as the engine sees
 * it once the action is done (inspect), and, for the confirmation layer, what a destructive
 * action would touch.
 */
import { z } from 'zod';
import { inspectContainer } from '../../engine/api/containers.js';
import { inspectIfExists } from '../../engine/api/lookup.js';
import type { CallOptions, ContainerInspect, Endpoint } from '../../engine/index.js';
import { describeState, shortId } from '../../render/containers.js';
import { stateSummary, summarizeState } from '../containers/inspect.js';
import type { Preview, ToolAnswer, ToolContext } from '../define.js';

export const containerState = z.object({
  id: z.string().describe('Full container id'),
  name: z.string(),
  image: z.string(),
  ...stateSummary.shape,
  status: z
    .string()
    .describe(
      'created, running, paused, restarting, removing, exited or dead; "removed" when the container no longer exists',
    ),
});
export type ContainerState = z.output<typeof containerState>;

/** The output every lifecycle tool shares; tools add their own fields. */
export const lifecycleOutput = z.object({
  changed: z
    .boolean()
    .describe('False when the container was already in the requested state (nothing was done)'),
  container: containerState,
});

export function stateOf(raw: ContainerInspect): ContainerState {
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    image: raw.Config.Image ?? raw.Image,
    ...summarizeState(raw.State),
  };
}

/** "web (4f3a2b1c9d0e): running, up 3 minutes". */
export function stateLine(raw: ContainerInspect): string {
  const error = raw.State.Error ? `; last error: ${raw.State.Error}` : '';
  return `${raw.Name.replace(/^\//, '')} (${shortId(raw.Id)}): ${describeState(raw.State)}${error}`;
}

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

/** The container a destructive call targets (inspect; a 404 is the engine's answer). */
export function inspectTarget(ctx: ToolContext, id: string): Promise<ContainerInspect> {
  return ctx.engine.json<ContainerInspect>(inspectContainer, {
    params: { id },
    signal: ctx.signal,
  });
}

/** What the confirmation layer shows and binds: which container, what it is doing now. */
export function targetPreview(raw: ContainerInspect, action: string, details = ''): Preview {
  const name = raw.Name.replace(/^\//, '');
  return {
    summary: `${action} ${name} (${shortId(raw.Id)}, image ${raw.Config.Image ?? raw.Image}): ${describeState(raw.State)}${details}`,
    state: { id: raw.Id, name, status: raw.State.Status, started_at: raw.State.StartedAt },
  };
}
