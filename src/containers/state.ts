/**
 * A container's state as every answer reports it: the summary of the engine's inspect
 * State, and the short form lifecycle tools answer with after acting.
 */
import { z } from 'zod';
import type { ContainerInspect, ContainerState as EngineState } from '../engine/index.js';
import { describeState, nameOf, shortId } from '../render/containers.js';
import { shortTimestamp } from '../render/time.js';

/** A container's state as the engine reports it; lifecycle tools answer with it too. */
export const stateSummary = z.object({
  status: z.string().describe('created, running, paused, restarting, removing, exited or dead'),
  running: z.boolean(),
  paused: z.boolean(),
  restarting: z.boolean(),
  oom_killed: z.boolean(),
  dead: z.boolean(),
  pid: z.number(),
  exit_code: z.number(),
  error: z.string(),
  started_at: z.string().optional(),
  finished_at: z.string().optional(),
  health: z.string().optional(),
});

export function summarizeState(state: EngineState): z.output<typeof stateSummary> {
  const started = shortTimestamp(state.StartedAt);
  const finished = shortTimestamp(state.FinishedAt);
  return {
    status: state.Status,
    running: state.Running,
    paused: state.Paused,
    restarting: state.Restarting,
    oom_killed: state.OOMKilled,
    dead: state.Dead,
    pid: state.Pid,
    exit_code: state.ExitCode,
    error: state.Error,
    ...(started && { started_at: started }),
    ...(finished && { finished_at: finished }),
    ...(state.Health && { health: state.Health.Status }),
  };
}

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
    name: nameOf(raw),
    image: raw.Config.Image ?? raw.Image,
    ...summarizeState(raw.State),
  };
}

/** "web (4f3a2b1c9d0e): running, up 3 minutes". */
export function stateLine(raw: ContainerInspect): string {
  const error = raw.State.Error ? `; last error: ${raw.State.Error}` : '';
  return `${nameOf(raw)} (${shortId(raw.Id)}): ${describeState(raw.State)}${error}`;
}

/** "always", "on-failure:3", "no": the restart policy as docker inspect users read it. */
export function restartPolicyText(host: ContainerInspect['HostConfig']): string {
  const restart = host.RestartPolicy?.Name || 'no';
  return restart === 'on-failure' && host.RestartPolicy?.MaximumRetryCount
    ? `on-failure:${host.RestartPolicy.MaximumRetryCount}`
    : restart;
}

/** The engine's events that change what a container's state says (an exec, a probe's run, do not). */
export const STATE_ACTIONS = [
  'create',
  'start',
  'restart',
  'die',
  'pause',
  'unpause',
  'health_status',
  'rename',
  'destroy',
] as const;
