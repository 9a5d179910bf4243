import { z } from 'zod';
import { containerLogs as logsEndpoint } from '../../engine/api/output.js';
import { readOutput } from '../../engine/index.js';
import { OutputCollector } from '../../render/output/collector.js';
import { defineTool } from '../../mcp/define.js';
import { containerId } from '../../containers/inputs.js';
import { inspectTarget } from '../../containers/lookup.js';
import { keepAnsiInput, outputBytesInput } from '../../containers/output.js';
import { instantInput } from '../../containers/time-input.js';
import { linePattern, patternInput } from '../../containers/pattern-input.js';
import { MAX_LINE_BYTES, MAX_LOG_LINES } from '../../containers/output.js';
import { logsAnswer, logsOutput } from './logs-answer.js';

const MAX_FOLLOW_MS = 60_000;

export const logsInput = z
  .strictObject({
    id: containerId,
    stdout: z.boolean().default(true).describe('Include stdout (default true)'),
    stderr: z.boolean().default(true).describe('Include stderr (default true)'),
    since: instantInput('Only lines written at or after this time'),
    until: instantInput('Only lines written at or before this time'),
    tail: z
      .union([z.number().int().nonnegative(), z.literal('all')])
      .default(100)
      .describe(`How many of the newest lines (default 100; "all": up to ${MAX_LOG_LINES})`),
    timestamps: z.boolean().default(false).describe("Start each line with the engine's timestamp"),
    grep: patternInput()
      .optional()
      .describe(
        'Only lines matching this regular expression (RE2: no backreferences or lookaround); tail then counts matches',
      ),
    ignore_case: z.boolean().default(false).describe('Match grep case-insensitively'),
    context: z
      .number()
      .int()
      .min(0)
      .max(20)
      .default(0)
      .describe('With grep: lines around each match, like grep -C'),
    follow: z
      .boolean()
      .default(false)
      .describe('Also collect new lines for follow_ms, then return'),
    follow_ms: z
      .number()
      .int()
      .min(100)
      .max(MAX_FOLLOW_MS)
      .optional()
      .describe('With follow: how long to collect, in ms (default 5000)'),
    keep_ansi: keepAnsiInput,
    max_bytes: outputBytesInput(
      'At most this many bytes of log text',
      '; the newest lines are kept',
    ),
  })
  .superRefine((value, ctx) => {
    const problem = (path: string, message: string): void =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (!value.stdout && !value.stderr)
      problem('stdout', 'stdout and stderr are both false: at least one stream must be read');
    if (value.grep === undefined && value.context > 0)
      problem('context', 'context needs grep: pass a pattern');
    if (value.grep === undefined && value.ignore_case)
      problem('ignore_case', 'ignore_case needs grep: pass a pattern');
    if (!value.follow && value.follow_ms !== undefined)
      problem('follow_ms', 'follow_ms needs follow: true');
    if (value.since && value.until && value.since.nanos > value.until.nanos)
      problem('until', `until (${value.until.display}) is before since (${value.since.display})`);
  });

export const containerLogs = defineTool({
  name: 'container_logs',
  title: 'Read container logs',
  description:
    "A container's logs, like `docker logs`: both streams in order, stderr lines marked; the newest 100 lines by default. " +
    '`grep` searches the whole range on the server; `follow` collects new output for `follow_ms`. ' +
    'Bounded by max_bytes, keeping the newest lines; a cut answer gives an `until` value to page back.',
  input: logsInput,
  output: logsOutput,
  effects: { always: [], targets: { one: 'id' } },
  async run(args, ctx) {
    const { engine, signal } = ctx;
    const container = await inspectTarget(ctx, args.id);
    const tty = container.Config.Tty ?? false;
    // tail is the answer's size: the engine's tail counts raw lines before grep, and with
    // `until` it is applied before the time filter (tail=N&until=T is empty on 20.10).
    const engineTail = args.grep === undefined && args.until === undefined ? args.tail : 'all';
    const maxLines = Math.min(
      args.follow || args.tail === 'all' ? MAX_LOG_LINES : Math.max(1, args.tail),
      MAX_LOG_LINES,
    );
    const followMs = args.follow ? (args.follow_ms ?? 5000) : undefined;
    const stop = followMs === undefined ? undefined : AbortSignal.timeout(followMs);
    const started = Date.now();
    const collector = new OutputCollector({
      maxLines,
      maxBytes: args.max_bytes,
      maxLineBytes: MAX_LINE_BYTES,
      keepAnsi: args.keep_ansi,
      timestamps: true,
      render: { timestamps: args.timestamps, markStderr: true },
      ...(args.grep !== undefined && {
        grep: {
          pattern: linePattern(args.grep, args.ignore_case),
          context: args.context,
        },
      }),
    });
    const wantsOutput = args.stdout || !tty; // a TTY's output is all on stdout
    if (wantsOutput && (args.tail !== 0 || args.follow)) {
      const response = await engine.request(logsEndpoint, {
        params: { id: container.Id },
        query: {
          stdout: args.stdout || tty,
          stderr: args.stderr,
          since: args.since?.engine,
          until: args.until?.engine,
          timestamps: true, // always: cursors are computed from them
          tail: engineTail,
          follow: args.follow,
        },
        signal,
        // A quiet container sends nothing while followed: the window ends it, idle is a backstop.
        ...(followMs !== undefined && { idleTimeoutMs: followMs + engine.idleTimeoutMs }),
      });
      const { context } = response;
      for await (const frames of readOutput(response.body, { tty, signal, stop, ...context })) {
        for (const frame of frames) collector.push(frame);
      }
    }
    return logsAnswer({
      args,
      container,
      snapshot: collector.finish(),
      engineTail,
      maxLines,
      ...(followMs !== undefined && {
        follow: { ms: Date.now() - started, windowEnded: stop?.aborted ?? false },
      }),
    });
  },
});

export type LogsArgs = z.output<typeof logsInput>;
