/** container_logs' arguments: what a call may ask, checked before anything reads a log. */
import { z } from 'zod';
import { containerId } from '../../containers/inputs.js';
import { keepAnsiInput, MAX_LOG_LINES, outputBytesInput } from '../../containers/output.js';
import { instantInput } from '../../containers/time-input.js';
import { patternInput } from '../../containers/pattern-input.js';

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

export type LogsArgs = z.output<typeof logsInput>;
