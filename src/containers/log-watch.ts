/**
 * Watching a container's output for a line, across stdout and stderr:
 *
 *   await watchLogs(engine, container, { pattern, since, signal })
 *     // { match: { stream: 'stdout', text: 'ready', time: '2026-…Z' }, lines: 3, ended: false }
 *
 * The logs are followed from `since` (the engine's timestamps on every line, for the
 * evidence and for a cursor), each line made plain text and tried against the pattern (RE2:
 * linear time whatever the pattern). The watch ends at the first match, when the log ends
 * (the container stopped), or at `signal`. Only one line per stream is ever held.
 */
import { containerLogsFollow } from '../engine/api/output.js';
import { readOutput, type ContainerInspect, type Engine } from '../engine/index.js';
import { splitTimestamp, TIMESTAMP_WIDTH } from '../render/output/collector.js';
import { plainText } from '../render/output/clean.js';
import { LineSplitter, type LineStream } from '../render/output/lines.js';
import type { LinePattern } from '../render/output/pattern.js';
import { MAX_LINE_BYTES } from './output.js';

export interface SeenLine {
  stream: LineStream;
  text: string;
  /** The engine's timestamp (RFC 3339). */
  time?: string;
}

export interface LogWatch {
  /** The first line that matched. */
  match?: SeenLine;
  /** The last line read (the evidence when none matched). */
  last?: SeenLine;
  /** Lines read. */
  lines: number;
}

export interface WatchOptions {
  pattern: LinePattern;
  /** Unix seconds, as the engine takes them: lines written at or after this. */
  since: string;
  signal: AbortSignal;
  /** Every line read, as it is read (progress, and what a timed-out wait last saw). */
  onLine?: (line: SeenLine) => void;
}

export async function watchLogs(
  engine: Engine,
  container: ContainerInspect,
  options: WatchOptions,
): Promise<LogWatch> {
  const tty = container.Config.Tty ?? false;
  const response = await engine.request(containerLogsFollow, {
    params: { id: container.Id },
    query: { stdout: true, stderr: true, follow: true, timestamps: true, since: options.since },
    signal: options.signal,
    idleTimeoutMs: null, // a quiet container sends nothing; the wait's deadline bounds this
  });
  const splitter = new LineSplitter({ maxLineBytes: MAX_LINE_BYTES + TIMESTAMP_WIDTH });
  const watch: LogWatch = { lines: 0 };
  const onLine = (stream: LineStream, raw: string): void => {
    if (watch.match) return;
    const { text, time } = splitTimestamp(raw);
    const line: SeenLine = { stream, text: plainText(text), ...(time && { time }) };
    watch.lines += 1;
    watch.last = line;
    options.onLine?.(line);
    if (options.pattern.test(line.text)) watch.match = line;
  };
  // Leaving the loop at a match closes the body and its connection.
  for await (const frames of readOutput(response.body, {
    tty,
    signal: options.signal,
    ...response.context,
  })) {
    for (const frame of frames)
      if (frame.stream !== 'error') splitter.push(frame.stream, frame.data, onLine);
    if (watch.match) return watch;
  }
  splitter.end(onLine);
  return watch;
}
