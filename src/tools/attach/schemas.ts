/**
 * What container_attach and container_attach_websocket share: the input of a bounded
 * attach session and the shape of its answer.
 */
import { z } from 'zod';
import { dataLines, dataStreams } from '../../containers/output.js';
import { containerState } from '../../containers/state.js';
import { keepAnsiInput, outputBytesInput } from '../../containers/output.js';
import { containerId } from '../../containers/inputs.js';
import { detachKeysInput } from '../../containers/tty.js';
import type { Effects } from '../../mcp/effects.js';
import {
  inputEncodingInput,
  inputProblem,
  inputRefusedOutput,
  stdinInput,
} from '../../containers/stdin.js';

export const DEFAULT_DURATION_MS = 2000;
export const MAX_DURATION_MS = 60_000;

export const attachInput = z
  .strictObject({
    id: containerId,
    stream: z
      .boolean()
      .default(true)
      .describe('Collect new output for duration_ms (default true; running containers)'),
    logs: z.boolean().default(false).describe('First replay earlier output (default false)'),
    stdin: z
      .boolean()
      .default(false)
      .describe('Attach stdin to send `input` (default false; needs OpenStdin)'),
    stdout: z.boolean().default(true).describe('Collect stdout (default true)'),
    stderr: z.boolean().default(true).describe('Collect stderr (default true)'),
    input: stdinInput('Written to stdin (needs stdin: true); end lines with "\\n"'),
    input_encoding: inputEncodingInput,
    close_stdin: z
      .boolean()
      .default(false)
      .describe('After the input, end-of-file on stdin (the process sees it with StdinOnce)'),
    detach_keys: detachKeysInput,
    duration_ms: z
      .number()
      .int()
      .min(100)
      .max(MAX_DURATION_MS)
      .default(DEFAULT_DURATION_MS)
      .describe(`How long to collect output, in ms (default ${DEFAULT_DURATION_MS})`),
    max_bytes: outputBytesInput('Stop after this many bytes'),
    keep_ansi: keepAnsiInput,
  })
  .superRefine((value, ctx) => {
    const problem = (path: string, message: string): void =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (!value.stream && !value.logs)
      problem('stream', 'stream and logs are both false: set one (logs: true replays past output)');
    if (!value.stdin && !value.stdout && !value.stderr)
      problem('stdout', 'stdin, stdout and stderr are all false: attach to at least one');
    if (value.input !== undefined && !value.stdin)
      problem('input', 'input is written to stdin: pass stdin: true as well');
    if (value.close_stdin && !value.stdin)
      problem('close_stdin', 'close_stdin closes stdin: pass stdin: true as well');
    const badInput = inputProblem(value.input, value.input_encoding);
    if (badInput !== undefined) problem('input', badInput);
  });

export type AttachArgs = z.output<typeof attachInput>;

/**
 * Output alone only reads. Anything on stdin runs code in the container: `input` is typed
 * into its process (`kill -TERM 1` ends it), `close_stdin` gives it end-of-file, and with
 * `stdin` alone a StdinOnce container's stdin closes when the session detaches. So those
 * arguments are guarded under --confirm write and left out under --no-destructive and
 * --read-only, where output-only attach stays.
 */
export const attachEffects: Effects = {
  always: [],
  byArgument: { stdin: ['runs-code'], input: ['runs-code'], close_stdin: ['runs-code'] },
  targets: { one: 'id' },
};

export const attachOutput = z.object({
  container: containerState
    .extend({ tty: z.boolean() })
    .describe('The container after detaching: still running, or how it exited'),
  streams: dataStreams.describe(
    'The streams these lines come from (one "stdout" when they are merged)',
  ),
  lines: dataLines,
  read: z.number().describe('Lines read'),
  omitted: z.number().describe('Earlier lines left out to keep within max_bytes'),
  left_out: z.string().optional().describe('Which lines are not shown, and how to read them'),
  note: z.string().describe('What ended the session, and what to do for more'),
  bytes: z.number().describe('Output bytes received'),
  ended: z
    .enum(['duration', 'max_bytes', 'stream_end'])
    .describe(
      'What ended the session: the duration_ms window, the max_bytes cap, or the output ending (the process exited or closed it)',
    ),
  attached_ms: z.number(),
  input_bytes: z.number().describe('Bytes written to stdin'),
  input_refused: inputRefusedOutput,
  stdin_closed: z.boolean(),
  streams_merged: z
    .boolean()
    .describe('stdout and stderr arrive as one stream (a TTY, or the WebSocket endpoint)'),
  engine_errors: z.array(z.string()).optional(),
});

export type AttachData = z.output<typeof attachOutput>;

/** How the session reaches the container's streams: a hijacked HTTP connection, or a WebSocket. */
export type AttachTransport = 'hijack' | 'websocket';
