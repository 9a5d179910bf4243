/**
 * One exec, start to answer: check the container can run it, create the exec instance,
 * start it on a hijacked connection, size its TTY, send the input, read the output to the
 * end or the time bound (keeping the newest within max_bytes), then ask the engine how it
 * ended. Cancellation closes the connection at once (runSession's signal).
 */
import { setTimeout as delay } from 'node:timers/promises';
import {
  createExec,
  EXEC_CONSOLE_SIZE_VERSION,
  execGoesOn,
  inspectExecIfExists,
  resizeExecTty,
  startExec,
  type ExecCreateBody,
  type ExecInspect,
} from '../../engine/api/exec.js';
import {
  apiVersionAtLeast,
  describeEndpoint,
  hijack,
  runSession,
  type ContainerInspect,
  type Engine,
} from '../../engine/index.js';
import { inspectTarget } from '../../containers/lookup.js';
import { MAX_LINE_BYTES, MAX_LOG_LINES } from '../../containers/output.js';
import { inputBytes } from '../../containers/stdin.js';
import type { ToolAnswer, ToolContext } from '../../mcp/define.js';
import { withProgress } from '../../mcp/progress.js';
import { describeState, nameOf } from '../../render/containers.js';
import { OutputCollector } from '../../render/output/collector.js';
import { formatBytesIEC } from '../../render/units.js';
import { execAnswer } from './answer.js';
import { withoutEngineLines } from './engine-lines.js';
import { DEFAULT_TTY_SIZE, MAX_READ_BYTES, type ExecArgs, type ExecData } from './schemas.js';

/** After the output ends the process has exited; the engine may take a moment to say so. */
const EXIT_GRACE_MS = 2000;
const POLL_MS = 50;

export async function runExec(args: ExecArgs, ctx: ToolContext): Promise<ToolAnswer<ExecData>> {
  const { engine, signal } = ctx;
  const container = await inspectTarget(ctx, args.id);
  const refusal = notRunning(container);
  if (refusal !== undefined) return { isError: true, text: refusal };
  const size = args.tty ? (args.tty_size ?? DEFAULT_TTY_SIZE) : undefined;
  const atStart =
    size && apiVersionAtLeast(await engine.apiVersion(signal), EXEC_CONSOLE_SIZE_VERSION)
      ? ([size.h, size.w] as [number, number])
      : undefined;
  const stdin = args.input !== undefined || args.keep_stdin_open;
  const body: ExecCreateBody = {
    Cmd: args.cmd,
    AttachStdin: stdin,
    AttachStdout: true,
    AttachStderr: true,
    Tty: args.tty,
    ...(args.env && { Env: args.env }),
    ...(args.workdir !== undefined && { WorkingDir: args.workdir }),
    ...(args.user !== undefined && { User: args.user }),
    ...(args.privileged && { Privileged: true }),
    ...(atStart && { ConsoleSize: atStart }),
  };
  const { Id: execId } = await engine.json<{ Id: string }>(createExec, {
    params: { id: container.Id },
    json: body,
    signal,
  });
  const started = Date.now();
  const connection = await hijack(engine, startExec, {
    params: { id: execId },
    json: { Detach: false, Tty: args.tty, ...(atStart && { ConsoleSize: atStart }) },
    signal,
  });
  // Before any input: a command that reads first and asks for the size after sees it set.
  const resizeProblem =
    size && !atStart
      ? await resizeExecTty(engine, execId, size, signal).catch((error: unknown) => {
          connection.destroy();
          throw error;
        })
      : undefined;
  const collector = new OutputCollector({
    maxLines: MAX_LOG_LINES,
    maxBytes: args.max_bytes,
    maxLineBytes: MAX_LINE_BYTES,
    keepAnsi: args.keep_ansi,
    render: { markStderr: true },
  });
  const deadline = Date.now() + args.timeout_s * 1000;
  let bytes = 0;
  const session = await withProgress(
    ctx,
    runSession(connection, {
      multiplexed: !args.tty,
      input: inputBytes(args.input, args.input_encoding),
      closeStdin: stdin && !args.keep_stdin_open ? (args.tty ? 'eot' : 'half-close') : undefined,
      durationMs: args.timeout_s * 1000,
      maxBytes: MAX_READ_BYTES,
      signal,
      endpoint: describeEndpoint(startExec),
      onFrame: (frame) => {
        bytes += frame.data.length;
        collector.push(frame);
      },
    }),
    args.timeout_s,
    (elapsed) =>
      `${elapsed} s of at most ${args.timeout_s} s, ${formatBytesIEC(bytes)} of output so far`,
  );
  const ended = session.ended === 'stream_end';
  const until = ended ? Math.max(deadline, Date.now() + EXIT_GRACE_MS) : Date.now();
  const state = await settled(engine, execId, until, signal);
  return execAnswer({
    args,
    container,
    execId,
    session,
    snapshot: withoutEngineLines(collector.finish()),
    state,
    ms: Date.now() - started,
    ...(resizeProblem !== undefined && { resizeProblem }),
  });
}

/** The exec's state once it has exited, or as it is at `until` if it still runs then. */
async function settled(
  engine: Engine,
  execId: string,
  until: number,
  signal: AbortSignal,
): Promise<ExecInspect | undefined> {
  for (;;) {
    const state = await inspectExecIfExists(engine, execId, signal);
    if (!state || !execGoesOn(state) || Date.now() >= until) return state;
    await delay(POLL_MS);
  }
}

/** Why this container cannot run a command now, with the step that fixes it. */
function notRunning(container: ContainerInspect): string | undefined {
  const { State } = container;
  if (State.Running && !State.Paused && !State.Restarting) return undefined;
  const name = nameOf(container);
  if (State.Paused)
    return `${name} is paused: its processes are frozen, so a command cannot run in it.\nNext: resume it with container_unpause, then run the command again.`;
  if (State.Restarting)
    return `${name} is restarting (last exit code ${State.ExitCode}): a command runs only in a running container.\nNext: wait until it runs (container_inspect shows its state), or look at why it restarts with container_logs.`;
  return `${name} is not running (${describeState(State)}): a command runs only in a running container.\nNext: start it first (container_start), or read its files (container_archive) and logs (container_logs) as they are.`;
}
