/**
 * container_logs' answer: a few header sentences (what was read, what was left out and how
 * to get it), then the lines, newest last; and the same as structured data.
 */
import { z } from 'zod';
import type { ContainerInspect } from '../../engine/index.js';
import { formatUnixSeconds, NANOS_PER_SECOND, parseRfc3339 } from '../../engine/timestamps.js';
import { nameOf, shortId } from '../../render/containers.js';
import type { OutputSnapshot } from '../../render/output/collector.js';
import { isGap, renderEntries, streamsOf, type OutputLine } from '../../render/output/render.js';
import type { ToolAnswer } from '../../mcp/define.js';
import {
  dataLines,
  dataStreams,
  HEADER_CHARS,
  readingNotes,
  streamErrors,
  MAX_LOG_LINES,
  toDataLines,
} from '../../containers/output.js';
import type { LogsArgs } from './logs-input.js';
import { countOf } from '../../render/units.js';

export const logsOutput = z.object({
  container: z.object({
    id: z.string().describe('Short id'),
    name: z.string(),
    tty: z.literal(true).optional().describe('A TTY container: stdout and stderr are one stream'),
  }),
  streams: dataStreams.describe('The streams these lines come from'),
  lines: dataLines,
  read: z.number().describe('Lines read from the engine'),
  matched: z.number().optional().describe('With grep: lines that matched'),
  omitted: z.number().describe('Earlier lines left out to keep within tail and max_bytes'),
  left_out: z
    .string()
    .optional()
    .describe('Which earlier lines are not shown, and the arguments that read them'),
  earlier_until: z
    .string()
    .optional()
    .describe('Pass as `until` (other arguments unchanged) to read the lines before these'),
  next_since: z
    .string()
    .optional()
    .describe('Pass as `since` to read only lines written after these'),
  note: z.string().optional().describe('What else to know about these lines, and what to do next'),
  followed_ms: z.number().optional(),
  engine_errors: z.array(z.string()).optional(),
});

type LogsData = z.output<typeof logsOutput>;

export interface LogsResult {
  args: LogsArgs;
  container: ContainerInspect;
  snapshot: OutputSnapshot;
  /** The tail sent to the engine: a number means older lines may exist beyond it. */
  engineTail: number | 'all';
  maxLines: number;
  follow?: { ms: number; windowEnded: boolean };
}

export function logsAnswer(result: LogsResult): ToolAnswer<LogsData> {
  const { args, container, snapshot } = result;
  const lines = snapshot.entries.filter((entry): entry is OutputLine => !isGap(entry));
  const first = lines[0];
  const tailReached =
    !result.follow &&
    typeof result.engineTail === 'number' &&
    result.engineTail > 0 &&
    snapshot.lines >= result.engineTail;
  const earlierUntil =
    snapshot.omitted > 0
      ? cursor(snapshot.newestOmitted, 0n)
      : tailReached
        ? cursor(first, -1n)
        : undefined;
  const nextSince = cursor(snapshot.last, 1n);
  const name = nameOf(container);
  const tty = container.Config.Tty ?? false;
  const streams = streamsOf(lines);
  // The text names the stream of every line, whatever the mix: a client that shows only the
  // text (Gemini CLI, LangChain) has no `streams` field to tell an all-stderr answer by. The
  // structured form marks stderr lines only among both streams; `streams` says the rest.
  const markText = !tty && args.stderr;
  const markStderr = streams.length > 1;
  const count = describeCount(args, snapshot, lines.length, tty);
  const cut = describeCut(result, earlierUntil, tailReached);
  const notes = [
    ...(result.follow ? [describeFollow(result.follow, nextSince)] : []),
    ...((nextSince ?? earlierUntil) !== undefined && wholeSecond(snapshot.last)
      ? [
          'This engine prints whole-second timestamps (Podman): a cursor takes in the whole second, so lines written in that second may come again.',
        ]
      : []),
    ...streamErrors(snapshot.errors),
  ];
  const header = [
    describeRequest(args, name, container.Id, tty),
    count.text,
    ...readingNotes(snapshot.entries, {
      markStderr: markText && lines.length > 0,
      unmarkedFromStdout: args.stdout,
    }),
    ...(cut ? [cut] : []),
    ...notes,
  ];
  const body = renderEntries(snapshot.entries, {
    timestamps: args.timestamps,
    markStderr: markText,
  });
  const note = [...(count.advice ? [count.text] : []), ...notes].join(' ');
  return {
    text: lines.length > 0 ? `${header.join('\n')}\n\n${body}` : header.join('\n'),
    maxChars: args.max_bytes + HEADER_CHARS,
    data: {
      container: { id: shortId(container.Id), name, ...(tty && { tty: true as const }) },
      streams,
      lines: toDataLines(snapshot.entries, {
        markStderr,
        timestamps: args.timestamps,
        gaps: args.context > 0,
      }),
      read: snapshot.lines,
      ...(args.grep !== undefined && { matched: snapshot.matched }),
      omitted: snapshot.omitted,
      ...(cut && { left_out: cut }),
      ...(earlierUntil !== undefined && { earlier_until: earlierUntil }),
      ...(nextSince !== undefined && { next_since: nextSince }),
      ...(note && { note }),
      ...(result.follow && { followed_ms: result.follow.ms }),
      ...(snapshot.errors.length > 0 && { engine_errors: snapshot.errors }),
    },
  };
}

/**
 * A since/until value at a line's timestamp, moved by `offset` nanoseconds. Podman prints
 * whole seconds while it filters on the exact time: a line stamped T was written in
 * [T, T + 1 s), so a cursor forward starts at T and one backward ends at T + 1 s. Lines of
 * that second may repeat; none is skipped.
 */
function cursor(line: OutputLine | undefined, offset: bigint): string | undefined {
  const nanos = line?.time === undefined ? undefined : parseRfc3339(line.time);
  if (nanos === undefined) return undefined;
  if (!wholeSecond(line)) return formatUnixSeconds(nanos + offset);
  return formatUnixSeconds(offset > 0n ? nanos : nanos + NANOS_PER_SECOND);
}

function wholeSecond(line: OutputLine | undefined): boolean {
  return line?.time !== undefined && !line.time.includes('.');
}

function describeRequest(args: LogsArgs, name: string, id: string, tty: boolean): string {
  const streams = tty
    ? 'one TTY stream (stdout and stderr merged)'
    : args.stdout && args.stderr
      ? 'stdout and stderr'
      : args.stdout
        ? 'stdout only'
        : 'stderr only';
  const range = [
    args.since ? `since ${compactTime(args.since.display)}` : '',
    args.until ? `until ${compactTime(args.until.display)}` : '',
    args.grep === undefined
      ? ''
      : `lines matching /${args.grep}/${args.ignore_case ? 'i' : ''}${args.context > 0 ? ` with ${countOf(args.context, 'line')} of context` : ''}`,
  ].filter(Boolean);
  return `Logs of ${name} (${shortId(id)}): ${[streams, ...range].join(', ')}.`;
}

/** How many lines, in words; `advice` when it says what to do instead (the data says it too). */
function describeCount(
  args: LogsArgs,
  snapshot: OutputSnapshot,
  shown: number,
  tty: boolean,
): { text: string; advice?: true } {
  if (tty && !args.stdout) {
    return {
      text: 'A TTY container writes everything to stdout, so stderr alone is empty: call with stdout: true.',
      advice: true,
    };
  }
  if (args.tail === 0 && !args.follow)
    return { text: 'No lines: tail 0 asks for none.', advice: true };
  if (shown === 0) {
    if (args.grep !== undefined)
      return { text: `No line matches, among ${snapshot.lines} lines read.` };
    return {
      text: args.since || args.until ? 'No lines in this time range.' : 'The log is empty.',
    };
  }
  const matched =
    args.grep === undefined ? '' : `; ${snapshot.matched} of ${snapshot.lines} lines read match`;
  return { text: `${countOf(shown, 'line')}, oldest first${matched}.` };
}

/** What was left out and the arguments that read it, or undefined when nothing was. */
function describeCut(
  result: LogsResult,
  earlierUntil: string | undefined,
  tailReached: boolean,
): string | undefined {
  const { args, snapshot } = result;
  const grep = args.grep !== undefined;
  const how =
    earlierUntil !== undefined
      ? ` To read them: until: "${earlierUntil}"${grep ? ', or a narrower grep' : ''}.`
      : grep
        ? ' Narrow the grep or the time range to see them.'
        : ' Narrow the time range (since/until) to see them.';
  if (snapshot.omitted > 0) {
    const reason =
      snapshot.limit === 'bytes'
        ? `max_bytes ${args.max_bytes}`
        : args.follow || args.tail === 'all' || args.tail > MAX_LOG_LINES
          ? `at most ${result.maxLines} lines per answer`
          : `tail ${args.tail}`;
    return `${snapshot.omitted} earlier lines left out (${reason}).${how}`;
  }
  return tailReached ? `Older lines may exist beyond tail ${args.tail}.${how}` : undefined;
}

function describeFollow(follow: { ms: number; windowEnded: boolean }, nextSince?: string): string {
  const seconds = (follow.ms / 1000).toFixed(1);
  const how = follow.windowEnded
    ? `Followed for ${seconds} s.`
    : `The log ended after ${seconds} s of following: the container stopped.`;
  return nextSince === undefined
    ? how
    : `${how} For lines written after these: since: "${nextSince}".`;
}

/** "2026-11-26T23:20:00.500000000Z" -> "2026-11-26T23:20:00.5Z". */
function compactTime(display: string): string {
  return display.replace(/\.?0+Z$/, 'Z');
}
