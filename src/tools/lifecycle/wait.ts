import { z } from 'zod';
import { waitForContainer } from '../../engine/api/wait.js';
import { defineTool, type ToolContext } from '../../mcp/define.js';
import { withProgress } from '../../mcp/progress.js';
import { containerId } from '../../containers/inputs.js';
import { stateAfter, targetLabel } from '../../containers/lookup.js';
import { containerState } from '../../containers/state.js';

export const MAX_WAIT_S = 600;
/** After timeout_s, the most the state afterwards may take: the whole call's bound is the sum. */
const STATE_GRACE_MS = 1000;

const CONDITIONS = {
  'not-running': 'is not running',
  'next-exit': 'exits next',
  removed: 'is removed',
} as const;

export const containerWait = defineTool({
  name: 'container_wait',
  title: 'Wait for a container to stop',
  description:
    "Block until a container stops (`docker wait`); returns its exit code and the engine's error. " +
    '"not-running" returns at once for a stopped container; "next-exit" waits for the next exit. Bounded by `timeout_s`; sends progress while waiting.',
  input: z.strictObject({
    id: containerId,
    condition: z
      .enum(['not-running', 'next-exit', 'removed'])
      .default('not-running')
      .describe('What to wait for: "not-running" (default), "next-exit" or "removed"'),
    timeout_s: z
      .number()
      .int()
      .min(1)
      .max(MAX_WAIT_S)
      .default(60)
      .describe(`Give up after this many seconds (1-${MAX_WAIT_S}, default 60)`),
  }),
  output: z.object({
    condition: z.string(),
    timed_out: z.boolean().describe('True when the condition was not met within timeout_s'),
    waited_s: z.number(),
    exit_code: z.number().optional().describe('The exit code, when the condition was met'),
    error: z.string().optional().describe("The engine's error message about the exit, if any"),
    container: containerState
      .optional()
      .describe('Its state afterwards; absent when the engine did not answer within timeout_s'),
  }),
  effects: { always: [], targets: { one: 'id' } },
  deadline: {
    argument: 'timeout_s',
    ms: (input) => input.timeout_s * 1000 + STATE_GRACE_MS,
    // The engine did not even answer the lookup within timeout_s.
    timedOut: (input, ctx) => ({
      text: timedOutText(input, input.id, unknownState(ctx)),
      data: { condition: input.condition, timed_out: true, waited_s: input.timeout_s },
    }),
  },
  async run(input, ctx) {
    const started = Date.now();
    const deadline = ctx.deadline ?? started + input.timeout_s * 1000 + STATE_GRACE_MS;
    const what = CONDITIONS[input.condition];
    const label = targetLabel(ctx, input.id);
    const outcome = await withProgress(
      ctx,
      waitForContainer(ctx.engine, input.id, {
        condition: input.condition,
        timeoutMs: Math.max(0, deadline - STATE_GRACE_MS - Date.now()),
        signal: ctx.signal,
      }),
      input.timeout_s,
      (elapsed) => `waiting until ${label} ${what}: ${elapsed} s of ${input.timeout_s} s`,
    );
    const waitedS = Math.round((Date.now() - started) / 100) / 10;
    const after = await stateWithin(ctx, input.id, deadline);
    const base = {
      condition: input.condition,
      waited_s: waitedS,
      ...(after && { container: after.data }),
    };
    const now = after ? `Now: ${after.line}` : unknownState(ctx);
    if (!outcome.done) {
      return {
        text: timedOutText(input, label, now),
        data: { ...base, timed_out: true },
      };
    }
    const error = outcome.error ? `; engine error: ${outcome.error}` : '';
    return {
      text: `${label} ${what === 'is removed' ? 'was removed' : 'stopped'} with exit code ${outcome.statusCode}${error} (waited ${waitedS} s).\n${now}`,
      data: {
        ...base,
        timed_out: false,
        exit_code: outcome.statusCode,
        ...(outcome.error !== undefined && { error: outcome.error }),
      },
    };
  },
});

function timedOutText(input: { timeout_s: number; condition: string }, label: string, now: string) {
  return `Timed out after ${input.timeout_s} s: ${label} has not met "${input.condition}" yet. Nothing was changed; call container_wait again to keep waiting, or container_stop to stop it.\n${now}`;
}

function unknownState(ctx: ToolContext): string {
  return `Its state is unknown: the engine at ${ctx.engine.displayAddress} did not answer within timeout_s.`;
}

/** The state afterwards, if the engine gives it before the call's deadline. */
async function stateWithin(
  ctx: ToolContext,
  id: string,
  deadline: number,
): Promise<Awaited<ReturnType<typeof stateAfter>> | undefined> {
  const bound = AbortSignal.timeout(Math.max(1, deadline - Date.now() - 50));
  try {
    return await stateAfter({ ...ctx, signal: AbortSignal.any([ctx.signal, bound]) }, id);
  } catch (error) {
    if (bound.aborted) return undefined;
    throw error;
  }
}
