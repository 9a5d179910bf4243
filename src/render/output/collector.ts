/**
 * The text pipeline for a container's output (logs, attach): engine frames in, a bounded
 * snapshot of lines out.
 *
 *   const output = new OutputCollector({ maxLines: 100, maxBytes: 16384, maxLineBytes: 2000 });
 *   for await (const frame of readOutput(body, { tty })) output.push(frame);
 *   const snapshot = output.finish();   // entries (oldest first), counts, what was cut
 *   renderEntries(snapshot.entries, { markStderr: streamsOf(snapshot.entries).length > 1 });
 *
 * Stages, in order: lines per stream (./lines.ts: UTF-8, \r\n, long lines cut) -> the
 * engine's timestamp prefix split off (`timestamps`) -> plain text (./clean.ts, unless
 * `keepAnsi`) -> grep with context (./grep.ts) -> the newest entries within the caps
 * (./ring.ts). Memory is the caps plus one unfinished line per stream, whatever the input.
 * Frames of the engine's `error` stream are collected apart, in `errors`.
 */
import type { Frame } from '../../engine/index.js';
import { ContextGrep, type Gap } from './grep.js';
import type { LinePattern } from './pattern.js';
import { LineSplitter, type LineSink } from './lines.js';
import { plainText } from './clean.js';
import {
  entrySize,
  isGap,
  type OutputEntry,
  type OutputLine,
  type RenderOptions,
} from './render.js';
import { NewestRing } from './ring.js';

export interface CollectorOptions {
  /** At most this many entries are kept (the newest). */
  maxLines: number;
  /** At most this many bytes of rendered entries are kept (see `render`). */
  maxBytes: number;
  /** Longer lines are cut (the timestamp, when split off, does not count). */
  maxLineBytes: number;
  /** Keep ANSI escapes and control characters as the program wrote them. */
  keepAnsi?: boolean;
  /** Each line starts with the engine's timestamp and a space (logs?timestamps=1). */
  timestamps?: boolean;
  grep?: { pattern: LinePattern; context: number };
  /** How the entries will be rendered, so the byte budget is what the reader gets. */
  render?: RenderOptions;
}

export interface OutputSnapshot {
  /** The kept entries, oldest first; gaps only between grep groups. */
  entries: OutputEntry[];
  /** Lines read. */
  lines: number;
  /** Lines that matched the grep pattern. */
  matched: number;
  /** Lines (matching or context) that fell out of the caps: the oldest ones. */
  omitted: number;
  /** Which cap they fell out of. */
  limit?: 'lines' | 'bytes';
  /** The newest omitted line: the kept entries begin right after it. */
  newestOmitted?: OutputLine;
  /** The last line read, matching or not. */
  last?: OutputLine;
  /** Messages the engine sent on its error stream. */
  errors: string[];
}

/** Docker's timestamp prefix: "2026-11-26T21:20:25.184265560Z " (fixed width). */
export const TIMESTAMP_WIDTH = 31;
const MAX_ERROR_CHARS = 4096;

export class OutputCollector {
  private readonly options: CollectorOptions;
  private readonly splitter: LineSplitter;
  private readonly ring: NewestRing<OutputEntry>;
  private readonly grep: ContextGrep<OutputLine> | undefined;
  private readonly errors: string[] = [];
  private errorChars = 0;
  private lines = 0;
  private omitted = 0;
  private newestOmitted: OutputLine | undefined;
  private last: OutputLine | undefined;

  constructor(options: CollectorOptions) {
    this.options = options;
    this.splitter = new LineSplitter({
      maxLineBytes: options.maxLineBytes + (options.timestamps ? TIMESTAMP_WIDTH : 0),
    });
    this.ring = new NewestRing<OutputEntry>({
      maxItems: options.maxLines,
      maxBytes: options.maxBytes,
      sizeOf: (entry) => entrySize(entry, options.render),
      counts: (entry) => !isGap(entry),
      onDrop: (entry) => {
        if (isGap(entry)) return;
        this.omitted += 1;
        this.newestOmitted = entry;
      },
    });
    this.grep =
      options.grep &&
      new ContextGrep<OutputLine>({
        pattern: options.grep.pattern,
        before: options.grep.context,
        after: options.grep.context,
        text: (line) => line.text,
      });
  }

  push(frame: Frame): void {
    if (frame.stream === 'error') this.addError(frame.data.toString('utf8'));
    else this.splitter.push(frame.stream, frame.data, this.onLine);
  }

  /** The input ended (or was stopped): flush unfinished lines and take the snapshot. */
  finish(): OutputSnapshot {
    this.splitter.end(this.onLine);
    const entries = this.ring.items();
    while (entries.length > 0 && isGap(entries[0] as OutputEntry)) entries.shift();
    return {
      entries,
      lines: this.lines,
      matched: this.grep?.matched ?? 0,
      omitted: this.omitted,
      ...(this.ring.limit && this.omitted > 0 && { limit: this.ring.limit }),
      ...(this.newestOmitted && { newestOmitted: this.newestOmitted }),
      ...(this.last && { last: this.last }),
      errors: this.errors,
    };
  }

  private readonly onLine: LineSink = (stream, raw, cut) => {
    this.lines += 1;
    const split = this.options.timestamps ? splitTimestamp(raw) : { text: raw };
    const { time } = split;
    const text = this.options.keepAnsi ? split.text : plainText(split.text);
    const line: OutputLine =
      time === undefined ? { stream, text, cut } : { stream, text, cut, time };
    this.last = line;
    if (this.grep) this.grep.push(line, this.onGrep);
    else this.ring.push(line);
  };

  private readonly onGrep = (entry: { item: OutputLine; match: boolean } | Gap): void => {
    this.ring.push('gap' in entry ? entry : { ...entry.item, match: entry.match });
  };

  private addError(message: string): void {
    if (this.errorChars >= MAX_ERROR_CHARS) return;
    const kept = message.trim().slice(0, MAX_ERROR_CHARS - this.errorChars);
    this.errorChars += kept.length;
    if (kept !== '') this.errors.push(kept);
  }
}

/**
 * A line of logs?timestamps=1 split into the engine's timestamp and the text (Podman prints
 * whole seconds, so the prefix is not always the same width); the line as it is without one.
 */
export function splitTimestamp(raw: string): { text: string; time?: string } {
  const space = raw.indexOf(' ');
  if (space >= 20 && space <= TIMESTAMP_WIDTH + 4 && raw.charCodeAt(10) === 0x54 /* T */)
    return { time: raw.slice(0, space), text: raw.slice(space + 1) };
  return { text: raw };
}
