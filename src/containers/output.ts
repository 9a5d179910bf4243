/**
 * What the tools that answer with a container's output (logs, attach) share: their input
 * fields, the shape of a line in the structured answer, and the bounds.
 */
import { z } from 'zod';
import type { OutputLine } from '../render/output/render.js';

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
    .describe(`${what} (default ${DEFAULT_OUTPUT_BYTES}, at most ${MAX_OUTPUT_BYTES})${more}`);
}

export const keepAnsiInput = z
  .boolean()
  .default(false)
  .describe('Keep ANSI colour and cursor codes (default: stripped to plain text)');

/** Longer lines are cut with a marker: one line must not eat the answer. */
export const MAX_LINE_BYTES = 2000;
/** Lines in one answer, whatever tail and max_bytes allow. */
export const MAX_LOG_LINES = 10_000;

export const logLine = z.object({
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  time: z.string().optional().describe("The engine's timestamp, RFC 3339 with nanoseconds"),
  cut_bytes: z.number().optional().describe('Bytes cut from the end of a long line'),
  match: z.boolean().optional().describe('With grep: true for a match, false for context'),
});

/**
 * Room for an answer's header sentences (what was read, what was cut, how to go on) above
 * its max_bytes of output: the answer's ceiling is max_bytes plus this.
 */
export const HEADER_CHARS = 8192;

export function toDataLine(line: OutputLine): z.output<typeof logLine> {
  return {
    stream: line.stream,
    text: line.text,
    ...(line.time !== undefined && { time: line.time }),
    ...(line.cut > 0 && { cut_bytes: line.cut }),
    ...(line.match !== undefined && { match: line.match }),
  };
}
