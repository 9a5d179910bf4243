/**
 * container_exec's input and the shape of its answer. The defaults are the tool's promises
 * (the description gives the reasons): no shell unless asked for, stdin closed after the
 * input, 30 s, the end of the output kept.
 */
import { z } from 'zod';
import { containerId } from '../../containers/inputs.js';
import { keepAnsiInput, outputBytesInput } from '../../containers/output.js';
import {
  inputEncodingInput,
  inputProblem,
  inputRefusedOutput,
  stdinInput,
} from '../../containers/stdin.js';
import { ttyDimension } from '../../containers/tty.js';

/** Under the 60 s many clients give a call before they give up on it. */
export const DEFAULT_TIMEOUT_S = 30;
/** As long as container_wait waits: beyond it, start the work in the background and poll. */
export const MAX_TIMEOUT_S = 600;
/** The classic terminal: programs that ask a TTY for its size get one. */
export const DEFAULT_TTY_SIZE = { h: 24, w: 80 } as const;
/**
 * A command line, not a script (longer ones go to stdin or a file), and an environment of
 * settings: small enough that a person can read them whole in a confirmation.
 */
export const MAX_COMMAND_CHARS = 16 * 1024;
export const MAX_ENV_CHARS = 16 * 1024;

/**
 * Output read past this is not read at all: a command that floods its output (`yes`) would
 * otherwise keep a core busy until timeout_s for lines that are dropped anyway.
 */
export const MAX_READ_BYTES = 64 * 1024 * 1024;
/** The names redaction and the audit log recognise as NAME=value (src/safety/). */
const ENV_ENTRY = /^[A-Za-z_][A-Za-z0-9_.-]*=/;
const USER_PART = '[A-Za-z0-9_][A-Za-z0-9_.-]*';
const USER = new RegExp(`^${USER_PART}(?::${USER_PART})?$`);

/** The kernel ends a string at NUL: what ran would not be what was asked for. */
const withoutNul = <T extends z.ZodString>(text: T) =>
  text.refine((value) => !value.includes('\0'), 'must not contain NUL characters');

const argument = withoutNul(z.string().max(MAX_COMMAND_CHARS));

export const execInput = z
  .strictObject({
    id: containerId,
    cmd: z
      .array(argument)
      .min(1, 'is empty: give the command and its arguments, e.g. ["ls", "-l", "/app"]')
      .max(1024)
      .describe(
        'The command and its arguments, e.g. ["ls", "-l", "/app"] or ["sh", "-c", "make test 2>&1 | tail -5"]',
      ),
    env: z
      .array(
        withoutNul(
          z
            .string()
            .max(MAX_ENV_CHARS)
            .regex(
              ENV_ENTRY,
              'must be NAME=value, NAME made of letters, digits, _ . - (e.g. "DEBUG=1")',
            ),
        ),
      )
      .max(256)
      .optional()
      .describe('Environment variables to add, "NAME=value"'),
    workdir: withoutNul(
      z.string().max(4096).regex(/^\//, 'must be an absolute path in the container, e.g. "/app"'),
    )
      .optional()
      .describe("Working directory, absolute (default: the container's own)"),
    user: z
      .string()
      .max(256)
      .regex(USER, 'must be a user name or uid, optionally with :group or :gid, e.g. "1000:1000"')
      .optional()
      .describe('User[:group], e.g. "1000:1000"; default: the container\'s'),
    input: stdinInput('Written to stdin, then end-of-file (unless keep_stdin_open)'),
    input_encoding: inputEncodingInput,
    keep_stdin_open: z
      .boolean()
      .default(false)
      .describe('Leave stdin open after `input` (default false)'),
    tty: z.boolean().default(false).describe('Run it in a pseudo-terminal (default false)'),
    tty_size: z
      .strictObject({ h: ttyDimension('height in rows'), w: ttyDimension('width in columns') })
      .optional()
      .describe(`TTY size (default ${DEFAULT_TTY_SIZE.h}x${DEFAULT_TTY_SIZE.w})`),
    timeout_s: z
      .number()
      .int()
      .min(1)
      .max(MAX_TIMEOUT_S)
      .default(DEFAULT_TIMEOUT_S)
      .describe(`Answer after at most this many seconds (default ${DEFAULT_TIMEOUT_S})`),
    max_bytes: outputBytesInput('Bytes of output kept'),
    keep_ansi: keepAnsiInput,
    privileged: z
      .boolean()
      .default(false)
      .describe(
        "Run it with every capability and device of the host, confinement off (default false); the server's --allow-privileged offers it",
      ),
  })
  .superRefine((value, ctx) => {
    const problem = (path: (string | number)[], message: string): void =>
      ctx.addIssue({ code: 'custom', path, message });
    if (value.cmd[0] === '')
      problem(['cmd', 0], 'the command name is empty: give a program, e.g. "ls" or "/app/run.sh"');
    const length = (parts: readonly string[]) => parts.reduce((sum, part) => sum + part.length, 0);
    if (length(value.cmd) > MAX_COMMAND_CHARS)
      problem(
        ['cmd'],
        `is ${length(value.cmd)} characters long, over ${MAX_COMMAND_CHARS}: send a long script as input to ["sh"], or put it in a file (put_container_archive) and run that`,
      );
    if (length(value.env ?? []) > MAX_ENV_CHARS)
      problem(
        ['env'],
        `is ${length(value.env ?? [])} characters long, over ${MAX_ENV_CHARS}: pass large values in a file (put_container_archive) and read it in the command`,
      );
    if (value.tty_size !== undefined && !value.tty)
      problem(['tty_size'], 'sizes a TTY: pass tty: true as well');
    const badInput = inputProblem(value.input, value.input_encoding);
    if (badInput !== undefined) problem(['input'], badInput);
  });

export type ExecArgs = z.output<typeof execInput>;

export const execOutput = z.object({
  container: z.string().describe("The container's name"),
  exec_id: z.string().describe("The exec instance's id on the engine"),
  running: z
    .boolean()
    .describe(
      'Still running when the answer was given (at timeout_s): it goes on in the container',
    ),
  exit_code: z.number().optional().describe('Its exit code, once it has exited'),
  pid: z
    .number()
    .optional()
    .describe("While it runs: its PID on the engine's host, as container_top lists it"),
  seconds: z.number().describe('How long it ran, or had run when the answer was given'),
  output: z
    .string()
    .describe(
      'stdout and stderr as they arrived, each in order; when both have lines, stderr lines start with "[stderr] " (a TTY merges them)',
    ),
  lines: z.number().describe('Lines of output read'),
  bytes: z.number().describe('Bytes of output read'),
  omitted: z.number().optional().describe('The earliest lines, left out to keep within max_bytes'),
  input_bytes: z.number().optional().describe('Bytes written to stdin'),
  input_refused: inputRefusedOutput,
  next: z.string().optional().describe('What was cut or goes on, and what to do about it'),
  engine_errors: z.array(z.string()).optional(),
});

export type ExecData = z.output<typeof execOutput>;
