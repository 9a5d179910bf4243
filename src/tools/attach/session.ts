/**
 * The bounded attach session both attach tools run: look the container up (TTY or not,
 * running or not, stdin open or not), connect, send the input, collect the output, detach,
 * and report the container's state afterwards.
 */
import { attachContainer, attachContainerWebSocket } from '../../engine/api/attach.js';
import { waitForContainer } from '../../engine/api/wait.js';
import {
  describeEndpoint,
  hijack,
  openWebSocket,
  runSession,
  type ContainerInspect,
} from '../../engine/index.js';
import { describeState, nameOf } from '../../render/containers.js';
import { OutputCollector } from '../../render/output/collector.js';
import { MAX_LINE_BYTES, MAX_LOG_LINES } from '../../containers/output.js';
import { inputBytes } from '../../containers/stdin.js';
import type { ToolAnswer, ToolContext } from '../../mcp/define.js';
import { inspectTarget, stateAfter } from '../../containers/lookup.js';
import { attachAnswer } from './answer.js';
import type { AttachArgs, AttachData, AttachTransport } from './schemas.js';

/** After the output ends by itself the process is exiting: how long to wait for its code. */
const EXIT_WAIT_MS = 2000;
const RENDER_SLACK = 4096;

export async function attachSession(
  args: AttachArgs,
  ctx: ToolContext,
  transport: AttachTransport,
): Promise<ToolAnswer<AttachData>> {
  const { engine, signal } = ctx;
  const container = await inspectTarget(ctx, args.id);
  const refusal = refuse(args, container);
  if (refusal !== undefined) return { text: refusal, isError: true };
  const tty = container.Config.Tty ?? false;
  const ep = transport === 'hijack' ? attachContainer : attachContainerWebSocket;
  const open = transport === 'hijack' ? hijack : openWebSocket;
  const connection = await open(engine, ep, {
    params: { id: container.Id },
    query: {
      stream: args.stream,
      logs: args.logs,
      stdin: args.stdin,
      // A TTY writes everything to stdout: stderr alone would be silent.
      stdout: args.stdout || (tty && args.stderr),
      stderr: args.stderr,
      detachKeys: args.detach_keys,
    },
    signal,
  });
  const collector = new OutputCollector({
    maxLines: MAX_LOG_LINES,
    // The session stops at max_bytes of output already; the slack is for stderr marks.
    maxBytes: args.max_bytes + RENDER_SLACK,
    maxLineBytes: MAX_LINE_BYTES,
    keepAnsi: args.keep_ansi,
    render: { markStderr: true },
  });
  const session = await runSession(connection, {
    multiplexed: transport === 'hijack' && !tty,
    input: inputBytes(args.input, args.input_encoding),
    closeStdin: args.close_stdin ? (tty ? 'eot' : 'half-close') : undefined,
    durationMs: args.duration_ms,
    maxBytes: args.max_bytes,
    signal,
    endpoint: describeEndpoint(ep),
    address: engine.displayAddress,
    onFrame: (frame) => collector.push(frame),
  });
  if (session.ended === 'stream_end' && args.stream && container.State.Running) {
    await waitForContainer(engine, container.Id, { timeoutMs: EXIT_WAIT_MS, signal });
  }
  return attachAnswer({
    args,
    transport,
    tty,
    session,
    snapshot: collector.finish(),
    after: await stateAfter(ctx, container.Id),
  });
}

/** Attaches the engine would accept but that cannot do what was asked. */
function refuse(args: AttachArgs, container: ContainerInspect): string | undefined {
  const name = nameOf(container);
  if (args.stream && !container.State.Running) {
    return (
      `${name} is not running (${describeState(container.State)}): attaching with stream: true would wait until it starts.\n` +
      'Next: start it first (container_start), or replay what it wrote with logs: true, stream: false (or container_logs).'
    );
  }
  if (args.stdin && !container.Config.OpenStdin) {
    return (
      `${name} was created without OpenStdin: its stdin cannot be attached, so input would be lost.\n` +
      'Next: create the container with OpenStdin: true (and StdinOnce: true for close_stdin to give the process end-of-file), or attach without stdin.'
    );
  }
  return undefined;
}
