/**
 * An exec's answer: how it ended (exit code, or still running with its PID and how to stop
 * it), what was cut, then the output; the structured form carries the same, with the
 * guidance in `next`, for clients that show only that.
 */
import {
  HEADER_CHARS,
  MAX_OUTPUT_BYTES,
  readingNotes,
  streamErrors,
  TTY_MERGES,
} from '../../containers/output.js';
import { INPUT_REFUSED } from '../../containers/stdin.js';
import type { ToolAnswer } from '../../mcp/define.js';
import { ellipsize } from '../../render/bound.js';
import { nameOf } from '../../render/containers.js';
import { visibleJson } from '../../render/escape.js';
import { isGap, renderEntries, streamsOf, type OutputLine } from '../../render/output/render.js';
import { countOf, formatBytesIEC } from '../../render/units.js';
import { execGoesOn, type ExecInspect } from '../../engine/api/exec.js';
import type { ContainerInspect, SessionResult } from '../../engine/index.js';
import type { OutputSnapshot } from '../../render/output/collector.js';
import { MAX_READ_BYTES, MAX_TIMEOUT_S, type ExecArgs, type ExecData } from './schemas.js';
import { startFailure, startFailureHint } from './start-failure.js';

export interface ExecRun {
  args: ExecArgs;
  container: ContainerInspect;
  execId: string;
  session: SessionResult;
  snapshot: OutputSnapshot;
  /** The exec as the engine reports it afterwards; undefined when it no longer has it. */
  state: ExecInspect | undefined;
  /** From the start of the exec to its answer. */
  ms: number;
  /** Why the TTY could not be sized, when the engine refused. */
  resizeProblem?: string;
}

/** What the caller wrote, echoed in an answer: a glimpse is enough. */
const ECHO_CHARS = 200;
const echo = (value: unknown): string => ellipsize(visibleJson(value), ECHO_CHARS);

export function execAnswer(run: ExecRun): ToolAnswer<ExecData> {
  const { args, container, state } = run;
  const name = nameOf(container);
  const command = echo(args.cmd);
  const lines = run.snapshot.entries.filter((entry): entry is OutputLine => !isGap(entry));
  const running = state !== undefined && execGoesOn(state);
  const exitCode = state && !running ? (state.ExitCode ?? undefined) : undefined;
  const failure = running ? undefined : startFailure(exitCode, lines);
  if (failure !== undefined)
    return {
      isError: true,
      text:
        `Could not start ${command} in ${name}: ${failure} (the engine's exit code ${exitCode}; the command never ran).\n` +
        `Next: ${startFailureHint(failure, echo(args.cmd[0]))}`,
    };
  const seconds = Math.round(run.ms / 100) / 10;
  const next = [
    ...(running ? [stillRunning(run)] : []),
    ...(run.snapshot.omitted > 0 ? [cut(run)] : []),
  ];
  const markStderr = streamsOf(lines).length > 1;
  const output = renderEntries(run.snapshot.entries, { markStderr });
  const header = [
    headline(run, name, command, seconds, exitCode),
    describeLines(run, lines, markStderr),
    ...next,
    ...streamErrors(run.snapshot.errors),
  ].join('\n');
  const pid = running && state.Pid > 0 ? state.Pid : undefined;
  return {
    text: output === '' ? header : `${header}\n\n${output}`,
    maxChars: args.max_bytes + HEADER_CHARS,
    data: {
      container: name,
      exec_id: run.execId,
      running,
      ...(exitCode !== undefined && { exit_code: exitCode }),
      ...(pid !== undefined && { pid }),
      seconds,
      output,
      lines: run.snapshot.lines,
      bytes: run.session.bytes,
      ...(run.snapshot.omitted > 0 && { omitted: run.snapshot.omitted }),
      ...(args.input !== undefined && { input_bytes: run.session.inputBytes }),
      ...(run.session.inputRefused && { input_refused: true as const }),
      ...(next.length > 0 && { next: next.join(' ') }),
      ...(run.snapshot.errors.length > 0 && { engine_errors: run.snapshot.errors }),
    },
  };
}

function headline(
  run: ExecRun,
  name: string,
  command: string,
  seconds: number,
  exitCode: number | undefined,
): string {
  const { args, state } = run;
  const how = [
    args.user !== undefined ? ` as user ${echo(args.user)}` : '',
    args.workdir !== undefined ? ` in ${echo(args.workdir)}` : '',
    args.privileged ? ', privileged' : '',
  ].join('');
  if (state === undefined)
    return `Ran ${command} in ${name}${how} for ${seconds} s; the engine no longer has the exec (was the container removed?), so its exit code is unknown.`;
  if (execGoesOn(state)) {
    const why =
      run.session.ended === 'max_bytes'
        ? `output stopped being read after ${formatBytesIEC(MAX_READ_BYTES)}`
        : `the timeout_s bound of ${args.timeout_s} s was reached`;
    return `${command} is STILL RUNNING in ${name}${how}: ${why}, and this answer came back after ${seconds} s with the output so far.`;
  }
  return `Ran ${command} in ${name}${how}: exit code ${exitCode} after ${seconds} s.`;
}

function stillRunning({ args, state, container }: ExecRun): string {
  const pid =
    state?.Pid !== undefined && state.Pid > 0 ? ` (PID ${state.Pid} on the engine's host)` : '';
  const waiting = args.keep_stdin_open
    ? ' Its stdin was left open: it may be waiting for input.'
    : '';
  return (
    `The engine cannot stop an exec: the process goes on in the container${pid} until it ends, and its further output is not collected.${waiting} ` +
    `To stop it: container_exec ["kill", "<PID>"] with its PID as the container sees it (["ps"] there lists them), or container_restart ${nameOf(container)}, which ends every process in the container. ` +
    `For a longer run, raise timeout_s (at most ${MAX_TIMEOUT_S}), or start it in the background (["sh", "-c", "CMD > /tmp/out 2>&1 &"]) and read /tmp/out later.`
  );
}

function cut({ args, snapshot }: ExecRun): string {
  return (
    `The first ${countOf(snapshot.omitted, 'line')} were left out to keep within max_bytes (${args.max_bytes}): the end of the output is shown. ` +
    `For more, raise max_bytes (at most ${MAX_OUTPUT_BYTES}), filter in the command (["sh", "-c", "CMD 2>&1 | grep -i error"]), or write the output to a file and read it with container_archive.`
  );
}

function describeLines(run: ExecRun, lines: OutputLine[], markStderr: boolean): string {
  const { args, session } = run;
  const parts = [
    lines.length === 0
      ? 'No output.'
      : `${countOf(run.snapshot.lines, 'line')} of output (${countOf(session.bytes, 'byte')}), oldest first.`,
  ];
  if (args.input !== undefined)
    parts.push(
      `Sent ${countOf(session.inputBytes, 'byte')} of input${args.keep_stdin_open ? ' and left stdin open' : ', then end of file'}.`,
    );
  if (session.inputRefused) parts.push(INPUT_REFUSED);
  parts.push(
    ...readingNotes(run.snapshot.entries, {
      markStderr,
      merged: args.tty ? TTY_MERGES : undefined,
    }),
  );
  if (run.resizeProblem !== undefined && !/stopped|not running|exited/i.test(run.resizeProblem))
    parts.push(`The TTY could not be sized: ${run.resizeProblem}.`);
  return parts.join(' ');
}
