import { z } from 'zod';
import { waitForContainer } from '../../engine/api/wait.js';
import { defineTool, type ToolAnswer, type ToolContext } from '../../mcp/define.js';
import { withProgress } from '../../mcp/progress.js';
import { containerId } from '../../containers/inputs.js';
import { stateAfter, targetLabel } from '../../containers/lookup.js';
import { patternInput } from '../../containers/pattern-input.js';
import { instantInput } from '../../containers/time-input.js';
import { waitReady } from './wait-ready.js';
import {
  isReadiness,
  READINESS,
  timedOutNext,
  timedOutText,
  waitOutput,
  type WaitData,
} from './wait-output.js';
import { startDeadline } from '../../engine/deadline.js';

export const MAX_WAIT_S = 600;

/** After timeout_s, the most the state afterwards may take: the whole call's bound is the sum. */
const STATE_GRACE_MS = 1000;

/** What the engine itself waits for (POST /containers/{id}/wait). */
const CONDITIONS = {
  'not-running': 'is not running',
  'next-exit': 'exits next',
  removed: 'is removed',
} as const;
type EngineCondition = keyof typeof CONDITIONS;

export const containerWait = defineTool({
  name: 'container_wait',
  title: 'Wait for a container to stop or to be ready',
  description:
    'Wait until a container stops (`docker wait`) or is ready, and say how it ended. ' +
    'Stop: "not-running" (default), "next-exit", "removed": the exit code and the engine\'s error. ' +
    'Ready: "running", "healthy", or "log" (a stdout or stderr line matching `pattern`, RE2, written at or after `since`); it also ends when the container can no longer get there (exited, unhealthy, no healthcheck, removed), with the evidence. ' +
    'Bounded by `timeout_s`; progress while waiting.',
  input: z
    .strictObject({
      id: containerId,
      condition: z
        .enum(['not-running', 'next-exit', 'removed', ...READINESS])
        .default('not-running')
        .describe(
          'What to wait for: "not-running" (default), "next-exit", "removed"; or ready: "running", "healthy", "log" (with pattern)',
        ),
      pattern: patternInput()
        .optional()
        .describe(
          'With condition "log": a regular expression (RE2, as grep -E) a line must match, e.g. "ready|listening on"',
        ),
      since: instantInput(
        'With condition "log": lines written at or after this time (default: since its current run began)',
      ),
      timeout_s: z
        .number()
        .int()
        .min(1)
        .max(MAX_WAIT_S)
        .default(60)
        .describe(`Give up after this many seconds (1-${MAX_WAIT_S}, default 60)`),
    })
    .superRefine((value, ctx) => {
      const problem = (path: string, message: string): void =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (value.condition === 'log' && value.pattern === undefined)
        problem('pattern', 'condition "log" needs a pattern, e.g. "ready"');
      if (value.condition !== 'log' && value.pattern !== undefined)
        problem('pattern', 'pattern needs condition "log"');
      if (value.condition !== 'log' && value.since !== undefined)
        problem('since', 'since needs condition "log"');
    }),
  output: waitOutput,
  effects: { always: [], targets: { one: 'id' } },
  deadline: {
    argument: 'timeout_s',
    ms: (input) => input.timeout_s * 1000 + STATE_GRACE_MS,
    // The engine did not even answer the lookup within timeout_s.
    timedOut: (input, ctx) => ({
      text: timedOutText(input, input.id, unknownState(ctx)),
      data: {
        condition: input.condition,
        met: false,
        timed_out: true,
        waited_s: input.timeout_s,
        next: timedOutNext(input.condition, input.id),
      },
    }),
  },
  async run(input, ctx) {
    const started = Date.now();
    const deadline = ctx.deadline ?? started + input.timeout_s * 1000 + STATE_GRACE_MS;
    const { condition } = input;
    if (isReadiness(condition))
      return waitReady({ ...input, condition }, input.id, ctx, deadline - STATE_GRACE_MS);
    return waitForExit({ ...input, condition }, ctx, started, deadline);
  },
});

/** The engine's own wait: until the container stops (or is removed). */
async function waitForExit(
  input: { id: string; condition: EngineCondition; timeout_s: number },
  ctx: ToolContext,
  started: number,
  deadline: number,
): Promise<ToolAnswer<WaitData>> {
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
    met: outcome.done,
    waited_s: waitedS,
    ...(after && { container: after.data }),
  };
  const now = after ? `Now: ${after.line}` : unknownState(ctx);
  if (!outcome.done) {
    return {
      text: timedOutText(input, label, now),
      data: { ...base, timed_out: true, next: timedOutNext(input.condition, label) },
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
  const bound = startDeadline(Math.max(1, deadline - Date.now() - 50));
  try {
    return await stateAfter({ ...ctx, signal: AbortSignal.any([ctx.signal, bound.signal]) }, id);
  } catch (error) {
    if (bound.signal.aborted) return undefined;
    throw error;
  } finally {
    bound.clear();
  }
}
