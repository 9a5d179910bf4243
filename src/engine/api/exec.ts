/**
 * Running a command in a running container (`docker exec`), in three steps: create the exec
 * instance on the container, start it on a hijacked connection (../attach/hijack.ts; answered
 * 101, then the socket is the process's stdin and output, multiplexed unless it has a TTY),
 * and inspect it for the exit code once the output ends. The engine has no endpoint that
 * stops an exec: a process that outlives its caller runs on until it ends or the container
 * stops.
 */
import type { Engine } from '../client.js';
import { endpoint } from '../endpoint.js';
import { EngineError } from '../errors.js';
import { ifExists } from './lookup.js';

/** 409 when the container is stopped or paused (Podman: 500 "container state improper"). */
export const createExec = endpoint({
  method: 'POST',
  path: '/containers/{id}/exec',
  expect: [201],
});

/** Hijacked: 101, then the process's stdio until it exits. */
export const startExec = endpoint({
  method: 'POST',
  path: '/exec/{id}/start',
  expect: [101],
  long: true,
});

export const inspectExec = endpoint({ method: 'GET', path: '/exec/{id}/json', expect: [200] });

/** dockerd answers 200, Podman 201; a process that has exited cannot be resized (500). */
export const resizeExec = endpoint({
  method: 'POST',
  path: '/exec/{id}/resize',
  expect: [200, 201],
});

/** The first API version whose exec create and start take ConsoleSize (older ones ignore it). */
export const EXEC_CONSOLE_SIZE_VERSION = '1.42';

/** POST /containers/{id}/exec: only the fields this server sends. */
export interface ExecCreateBody {
  Cmd: string[];
  AttachStdin: boolean;
  AttachStdout: true;
  AttachStderr: true;
  Tty: boolean;
  Env?: string[];
  WorkingDir?: string;
  User?: string;
  Privileged?: boolean;
  /** [height, width]; API 1.42 and later. */
  ConsoleSize?: [number, number];
}

export interface ExecInspect {
  ID: string;
  Running: boolean;
  /** null while it runs (dockerd); 0 while it runs (Podman). */
  ExitCode: number | null;
  /** The process's PID on the engine's host; Podman reports 0 once it has exited. */
  Pid: number;
  ContainerID: string;
  ProcessConfig?: { entrypoint?: string; arguments?: string[] | null; privileged?: boolean };
}

/**
 * Whether the exec's process goes on: running, or not started yet (dockerd reports a process
 * it has not started as not running, with no exit code).
 */
export function execGoesOn(state: ExecInspect): boolean {
  return state.Running || state.ExitCode === null;
}

/** The exec's state, or undefined when the engine no longer has it (removed with its container). */
export function inspectExecIfExists(
  engine: Engine,
  id: string,
  signal?: AbortSignal,
): Promise<ExecInspect | undefined> {
  return ifExists(engine.json<ExecInspect>(inspectExec, { params: { id }, signal }));
}

/**
 * Size an exec's TTY, for engines before ConsoleSize: the engine's message when it refuses
 * (a process that has already exited cannot be resized), undefined when done.
 */
export async function resizeExecTty(
  engine: Engine,
  id: string,
  size: { h: number; w: number },
  signal?: AbortSignal,
): Promise<string | undefined> {
  try {
    await engine.call(resizeExec, { params: { id }, query: size, signal });
    return undefined;
  } catch (error) {
    if (error instanceof EngineError && error.code !== 'cancelled') return error.message;
    throw error;
  }
}
