/**
 * What container_stop and container_restart share: the input (signal, grace period), the
 * preview, and how the stop went, in words. On engines before API 1.42 a `signal` is
 * carried out by the server itself (see engine/api/stop.ts), and the answer says so.
 */
import { z } from 'zod';
import { STOP_SIGNAL_VERSION, type StopOutcome } from '../../engine/api/stop.js';
import type { Preview, ToolContext } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { describeSignal, signalInput } from '../../containers/signals.js';
import { inspectTarget, targetLabel } from '../../containers/lookup.js';
import { targetPreview } from '../../containers/preview.js';
import { lifecycleOutput } from '../../containers/state.js';

export const MAX_GRACE_S = 600;

export const gracefulInput = z.strictObject({
  id: containerId,
  signal: signalInput(
    "Stop signal, a name or number (default: the container's, usually SIGTERM)",
  ).optional(),
  t: z
    .number()
    .int()
    .min(0)
    .max(MAX_GRACE_S)
    .optional()
    .describe('Seconds to wait before SIGKILL (default: its StopTimeout, else 10)'),
});
type GracefulInput = z.output<typeof gracefulInput>;

export const gracefulOutput = lifecycleOutput.extend({
  stop: z.object({
    method: z
      .enum(['engine', 'signal', 'sigkill_after_grace', 'already_stopped'])
      .describe(
        '"engine": the engine stopped it; "signal": it exited after the signal within the grace period; "sigkill_after_grace": it outlived the grace period and was killed; "already_stopped": it was not running',
      ),
    emulated: z
      .boolean()
      .describe(
        `True when this engine (API older than ${STOP_SIGNAL_VERSION}) would ignore \`signal\`, so the server sent it itself: kill, wait up to t seconds, then SIGKILL if needed`,
      ),
    signal: z.string().optional(),
    grace_s: z.number().optional(),
  }),
});

export function stopSummary(outcome: StopOutcome): z.output<typeof gracefulOutput>['stop'] {
  switch (outcome.kind) {
    case 'already-stopped':
      return { method: 'already_stopped', emulated: false };
    case 'stopped':
      if (outcome.by === 'engine') return { method: 'engine', emulated: false };
      return {
        method: outcome.by === 'signal' ? 'signal' : 'sigkill_after_grace',
        emulated: true,
        signal: outcome.signal,
        grace_s: outcome.graceS,
      };
  }
}

/** How the stop went, in a sentence; and why the server sent the signal itself. */
export async function describeStop(
  ctx: ToolContext,
  id: string,
  outcome: StopOutcome,
  signal: string | undefined,
): Promise<string> {
  const label = targetLabel(ctx, id);
  if (outcome.kind === 'already-stopped') return `${label} was not running.`;
  if (outcome.by === 'engine') {
    return `Stopped ${label}${signal ? ` with ${describeSignal(signal)}` : ''}.`;
  }
  const sent = `Sent ${describeSignal(outcome.signal)} to ${label}`;
  const code =
    outcome.exitCode === undefined
      ? 'it then removed itself (AutoRemove)'
      : `exit code ${outcome.exitCode}`;
  const how =
    outcome.by === 'signal'
      ? `${sent}; it exited within the ${outcome.graceS} s grace period (${code}).`
      : `${sent}; it was still running after ${outcome.graceS} s, so it was killed with SIGKILL (${code}).`;
  const version = await ctx.engine.apiVersion(ctx.signal);
  return `${how}\n(This engine speaks API ${version}, which ignores \`signal\` on stop and restart before ${STOP_SIGNAL_VERSION}, so the server sent it itself with kill and gave the process up to t seconds before SIGKILL.)`;
}

export async function gracefulPreview(
  input: GracefulInput,
  ctx: ToolContext,
  action: string,
): Promise<Preview> {
  const how = input.signal ? ` with ${describeSignal(input.signal)}` : '';
  const grace = input.t === undefined ? '' : `; SIGKILL after ${input.t} s`;
  return targetPreview(await inspectTarget(ctx, input.id), `${action}${how}${grace}:`);
}
