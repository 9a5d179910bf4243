/**
 * What the tools that answer with a container's output (logs, attach) share: their input
 * fields, the shape of a line in the structured answer, and the bounds.
 */
import { z } from 'zod';
import { cutMarker, isGap, STDERR_MARK, type OutputEntry } from '../render/output/render.js';

/** A model reads 16 KiB comfortably; more only when asked. */
export const DEFAULT_OUTPUT_BYTES = 16 * 1024;
export const MAX_OUTPUT_BYTES = 1024 * 1024;

/** The byte cap of an answer's output: `what` says what it caps, `more` how it cuts. */
export function outputBytesInput(what: string, more = '') {
  return z
    .number()
    .int()
    .min(1024)
    .max(MAX_OUTPUT_BYTES)
    .default(DEFAULT_OUTPUT_BYTES)
    .describe(`${what} (default ${DEFAULT_OUTPUT_BYTES})${more}`);
}

export const keepAnsiInput = z
  .boolean()
  .default(false)
  .describe('Keep ANSI codes (default: stripped)');

/** Longer lines are cut with a marker: one line must not eat the answer. */
export const MAX_LINE_BYTES = 2000;
/** Lines in one answer, whatever tail and max_bytes allow. */
export const MAX_LOG_LINES = 10_000;

/**
 * A line as the structured answers hold it, as lean as the text: a line with nothing to say
 * about it but its text is just the text; a stderr line (when both streams are shown), a
 * timestamp (when asked for), a cut or a grep context line make it an object.
 */
export const dataLine = z.union([
  z.string(),
  z.object({
    text: z.string(),
    stream: z.literal('stderr').optional().describe('A stderr line (when both streams are shown)'),
    time: z
      .string()
      .optional()
      .describe("The engine's timestamp, RFC 3339 with nanoseconds (timestamps: true)"),
    cut_bytes: z.number().optional().describe('Bytes cut from the end of a long line'),
    context: z.literal(true).optional().describe('With grep and context: a line around a match'),
    gap: z
      .literal(true)
      .optional()
      .describe('"--": the lines around it are not adjacent (grep with context)'),
  }),
]);
export type DataLine = z.output<typeof dataLine>;

export const dataLines = z
  .array(dataLine)
  .describe(
    'Oldest first. A string is a whole line; an object says more about its line (stderr, time, cut, grep context)',
  );

/** Which streams the lines come from: with both, stderr lines are marked. */
export const dataStreams = z.array(z.enum(['stdout', 'stderr']));

export interface DataLineOptions {
  /** Mark stderr lines (the answer holds both streams). */
  markStderr: boolean;
  /** Give each line its timestamp. */
  timestamps?: boolean;
  /**
   * Keep the gaps between groups: they say something only when there is grep context (without
   * it, every match not next to the one before is a group of its own).
   */
  gaps?: boolean;
}

/** The entries as the structured answer holds them. */
export function toDataLines(entries: readonly OutputEntry[], options: DataLineOptions): DataLine[] {
  return entries.flatMap((entry) =>
    isGap(entry) && !options.gaps ? [] : [toDataLine(entry, options)],
  );
}

function toDataLine(entry: OutputEntry, options: DataLineOptions): DataLine {
  if (isGap(entry)) return { text: '--', gap: true };
  const stderr = options.markStderr && entry.stream === 'stderr';
  const time = options.timestamps ? entry.time : undefined;
  if (!stderr && time === undefined && entry.cut === 0 && entry.match !== false) return entry.text;
  return {
    text: entry.text,
    ...(stderr && { stream: 'stderr' as const }),
    ...(time !== undefined && { time }),
    ...(entry.cut > 0 && { cut_bytes: entry.cut }),
    ...(entry.match === false && { context: true as const }),
  };
}

/**
 * Room for an answer's header sentences (what was read, what was cut, how to go on) above
 * its max_bytes of output: the answer's ceiling is max_bytes plus this.
 */
export const HEADER_CHARS = 8192;

/**
 * How to read an output answer's lines (logs, attach, exec): how stderr is told apart (and,
 * with `unmarkedFromStdout`, that every other line is stdout), or what merged it into one
 * stream (`merged`, a sentence), and that long lines are cut.
 */
export function readingNotes(
  entries: readonly OutputEntry[],
  how: { markStderr: boolean; merged?: string | undefined; unmarkedFromStdout?: boolean },
): string[] {
  const notes: string[] = [];
  if (how.merged !== undefined) notes.push(how.merged);
  else if (how.markStderr)
    notes.push(
      `Lines from stderr start with "${STDERR_MARK}"${how.unmarkedFromStdout ? '; the others are from stdout' : ''}.`,
    );
  if (entries.some((entry) => !isGap(entry) && entry.cut > 0))
    notes.push(`Lines over ${MAX_LINE_BYTES} bytes are cut, marked "${cutMarker('N').trim()}".`);
  return notes;
}

/** The engine's own errors in the output stream, as one sentence (none: no sentence). */
export function streamErrors(errors: readonly string[]): string[] {
  return errors.length > 0
    ? [`The engine reported an error in the stream: ${errors.join('; ')}`]
    : [];
}

/** One stream for both: a TTY's (attach and exec say so the same way). */
export const TTY_MERGES = 'A TTY merges stdout and stderr into one stream.';
