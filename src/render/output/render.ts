/**
 * Output lines as text a model reads in few tokens:
 *
 *   renderEntries(entries, { timestamps: false, markStderr: true })
 *
 * - stdout lines are printed as they are; with `markStderr`, stderr lines start with
 *   "[stderr] ", so output that is all stdout carries no marks at all (see `streamsOf`);
 * - with `timestamps`, each line starts with the engine's timestamp, as `docker logs -t`;
 * - a line cut for length ends with " … [line cut: N more bytes]";
 * - "--" separates grep groups that are not adjacent, as grep -C prints.
 * `entrySize` is the byte size of an entry as rendered (with its newline), for budgets.
 */
import type { Gap } from './grep.js';
import type { LineStream } from './lines.js';

export interface OutputLine {
  stream: LineStream;
  /** The line's text: decoded, without the timestamp, plain unless ANSI was kept. */
  text: string;
  /** Bytes dropped from the end of a long line (0 when whole). */
  cut: number;
  /** The engine's timestamp of the line (RFC 3339 with nanoseconds), when it sent them. */
  time?: string;
  /** With grep: true for a matching line, false for a context line. */
  match?: boolean;
}

export type OutputEntry = OutputLine | Gap;

export interface RenderOptions {
  /** Start each line with its timestamp. */
  timestamps?: boolean;
  /** Start stderr lines with STDERR_MARK. */
  markStderr?: boolean;
}

export const STDERR_MARK = '[stderr] ';
const GAP_TEXT = '--';

export function isGap(entry: OutputEntry): entry is Gap {
  return 'gap' in entry;
}

export function cutMarker(bytes: number | 'N'): string {
  return ` … [line cut: ${bytes} more bytes]`;
}

export function renderEntry(entry: OutputEntry, options: RenderOptions = {}): string {
  if (isGap(entry)) return GAP_TEXT;
  const mark = options.markStderr && entry.stream === 'stderr' ? STDERR_MARK : '';
  const time = options.timestamps && entry.time ? `${entry.time} ` : '';
  return `${mark}${time}${entry.text}${entry.cut > 0 ? cutMarker(entry.cut) : ''}`;
}

export function renderEntries(
  entries: readonly OutputEntry[],
  options: RenderOptions = {},
): string {
  return entries.map((entry) => renderEntry(entry, options)).join('\n');
}

/** Bytes of the rendered entry and its newline, without building the string. */
export function entrySize(entry: OutputEntry, options: RenderOptions = {}): number {
  if (isGap(entry)) return GAP_TEXT.length + 1;
  let size = Buffer.byteLength(entry.text) + 1;
  if (options.markStderr && entry.stream === 'stderr') size += STDERR_MARK.length;
  if (options.timestamps && entry.time) size += entry.time.length + 1;
  if (entry.cut > 0) size += Buffer.byteLength(cutMarker(entry.cut));
  return size;
}

/**
 * The streams the entries hold, stdout first. Marks pay off only when there are two: a
 * single stream is better named once, in a header.
 */
export function streamsOf(entries: readonly OutputEntry[]): LineStream[] {
  const seen = new Set<LineStream>();
  for (const entry of entries) if (!isGap(entry)) seen.add(entry.stream);
  return (['stdout', 'stderr'] as const).filter((stream) => seen.has(stream));
}
