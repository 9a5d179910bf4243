/**
 * Stop and restart with a chosen signal. Engines before API 1.42 silently ignore `signal`
 * on stop and restart (they send the container's own stop signal), so there the signal is
 * carried out here, as the engine itself would: send it with kill, wait up to `t` seconds
 * for the process to exit, then SIGKILL; for a restart, start the container again.
 */
import type { Engine } from '../client.js';
import { EngineError, isNotRunning } from '../errors.js';
import type { ContainerInspect } from '../types.js';
import { apiVersionAtLeast } from '../version.js';
import { inspectContainer } from './containers.js';
import { killContainer, restartContainer, startContainer, stopContainer } from './lifecycle.js';
import { waitForContainer } from './wait.js';

/** The engine's default grace period when neither `t` nor the container's StopTimeout says. */
const DEFAULT_GRACE_S = 10;
/** Bound of a native stop whose grace period we do not know (the container's own). */
const UNKNOWN_GRACE_BOUND_S = 600;
/** The first API version whose stop and restart honour `signal`. */
export const STOP_SIGNAL_VERSION = '1.42';

export interface StopOptions {
  /** A signal the engine accepts ("SIGTERM", "15"); the container's stop signal when absent. */
  signal?: string | undefined;
  /** Seconds to wait for the process to exit before SIGKILL. */
  t?: number | undefined;
  abort?: AbortSignal | undefined;
}

export type StopOutcome =
  | { kind: 'already-stopped' }
  /** The engine's own stop or restart did it. */
  | { kind: 'stopped'; by: 'engine' }
  /**
   * Emulated: the process exited after the signal within the grace period ("signal"), or
   * outlived it and was killed ("sigkill"). No exit code when the container removed itself.
   */
  | {
      kind: 'stopped';
      by: 'signal' | 'sigkill';
      signal: string;
      exitCode: number | undefined;
      graceS: number;
    };

/** The signal this engine would ignore on stop/restart, which we must deliver ourselves. */
async function signalToCarryOut(engine: Engine, options: StopOptions): Promise<string | undefined> {
  if (options.signal === undefined) return undefined;
  const version = await engine.apiVersion(options.abort);
  return apiVersionAtLeast(version, STOP_SIGNAL_VERSION) ? undefined : options.signal;
}

export async function stopWithSignal(
  engine: Engine,
  id: string,
  options: StopOptions,
): Promise<StopOutcome> {
  const signal = await signalToCarryOut(engine, options);
  if (signal !== undefined) return emulateStop(engine, id, signal, options);
  if (await neverStartedOnPodman(engine, id, options.abort)) return { kind: 'already-stopped' };
  const { status } = await engine.call(stopContainer, nativeCall(engine, id, options));
  return status === 304 ? { kind: 'already-stopped' } : { kind: 'stopped', by: 'engine' };
}

/** Podman answers a stop of a never-started container with 204 where dockerd sends 304. */
async function neverStartedOnPodman(
  engine: Engine,
  id: string,
  abort: AbortSignal | undefined,
): Promise<boolean> {
  if ((await engine.flavor(abort)) !== 'podman') return false;
  const raw = await engine.json<ContainerInspect>(inspectContainer, {
    params: { id },
    signal: abort,
  });
  return raw.State.Status === 'created';
}

/** Restart: the engine's own, or the emulated stop followed by a start. */
export async function restartWithSignal(
  engine: Engine,
  id: string,
  options: StopOptions,
): Promise<StopOutcome> {
  const signal = await signalToCarryOut(engine, options);
  if (signal === undefined) {
    await engine.call(restartContainer, nativeCall(engine, id, options));
    return { kind: 'stopped', by: 'engine' };
  }
  const stopped = await emulateStop(engine, id, signal, options);
  await engine.call(startContainer, { params: { id }, signal: options.abort });
  return stopped;
}

function nativeCall(engine: Engine, id: string, options: StopOptions) {
  return {
    params: { id },
    query: { signal: options.signal, t: options.t },
    signal: options.abort,
    // The engine answers only once the process has exited: allow for the grace period.
    timeoutMs: engine.timeoutMs + (options.t ?? UNKNOWN_GRACE_BOUND_S) * 1000,
  };
}

async function emulateStop(
  engine: Engine,
  id: string,
  signal: string,
  options: StopOptions,
): Promise<StopOutcome> {
  const before = await engine.json<ContainerInspect>(inspectContainer, {
    params: { id },
    signal: options.abort,
  });
  if (!before.State.Running) return { kind: 'already-stopped' };
  const graceS = options.t ?? before.Config.StopTimeout ?? DEFAULT_GRACE_S;
  const { abort } = options;
  if (!(await kill(engine, before.Id, signal, abort))) return { kind: 'already-stopped' };
  const exited = await waitForExit(engine, before.Id, graceS * 1000, abort);
  if (exited.done)
    return { kind: 'stopped', by: 'signal', signal, exitCode: exited.exitCode, graceS };
  await kill(engine, before.Id, 'SIGKILL', abort);
  const killed = await waitForExit(engine, before.Id, engine.timeoutMs, abort);
  if (!killed.done) {
    throw new EngineError(
      'timeout',
      `${id} is still running ${Math.round(engine.timeoutMs / 1000)} s after SIGKILL`,
    );
  }
  return { kind: 'stopped', by: 'sigkill', signal, exitCode: killed.exitCode, graceS };
}

/**
 * Wait for the process to exit. A container that removes itself on exit (AutoRemove) may be
 * gone before the wait arrives: that is an exit too, with the code lost.
 */
async function waitForExit(
  engine: Engine,
  id: string,
  timeoutMs: number,
  abort: AbortSignal | undefined,
): Promise<{ done: boolean; exitCode?: number }> {
  try {
    const outcome = await waitForContainer(engine, id, { timeoutMs, signal: abort });
    return outcome.done ? { done: true, exitCode: outcome.statusCode } : { done: false };
  } catch (error) {
    if (error instanceof EngineError && error.code === 'not_found') return { done: true };
    throw error;
  }
}

/** Send a signal; false when the container had already stopped (the engine's 409). */
async function kill(
  engine: Engine,
  id: string,
  signal: string,
  abort: AbortSignal | undefined,
): Promise<boolean> {
  try {
    await engine.call(killContainer, { params: { id }, query: { signal }, signal: abort });
    return true;
  } catch (error) {
    if (isNotRunning(error)) return false;
    throw error;
  }
}
