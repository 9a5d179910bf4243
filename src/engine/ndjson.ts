/**
 * Newline-delimited JSON bodies (the stats stream, events): one JSON value per line.
 *
 *   for await (const value of readJsonLines<Stats>(response.body, { stop, signal })) …
 *
 * Only the unfinished line is held, and at most `maxLineBytes` of it: a longer line is a
 * protocol error, not a reason to grow without bound. `stop` and `signal` behave as in
 * ./body.ts.
 */
import { bodyChunks, type BodyReadOptions, type ReadableBody } from './body.js';
import { EngineError } from './errors.js';

export interface JsonLinesOptions<T = unknown> extends BodyReadOptions {
  /** Default 4 MiB: a stats document of a 1,000-CPU host is well under. */
  maxLineBytes?: number;
  /**
   * Turn one line's text into a value (default JSON.parse): for a caller that needs more
   * than JSON gives, such as an integer beyond 2^53 read from the text itself.
   */
  parse?: (text: string) => T;
}

const NEWLINE = 0x0a;

export async function* readJsonLines<T>(
  body: ReadableBody,
  options: JsonLinesOptions<T> = {},
): AsyncGenerator<T> {
  const max = options.maxLineBytes ?? 4 * 1024 * 1024;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const chunk of bodyChunks(body, options)) {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      const line = Buffer.concat([...pending, chunk.subarray(start, end)]);
      pending = [];
      pendingBytes = 0;
      start = end + 1;
      const value = parseLine<T>(line, options);
      if (value !== undefined) yield value;
    }
    if (start < chunk.length) {
      pendingBytes += chunk.length - start;
      if (pendingBytes > max) {
        throw new EngineError(
          'engine',
          `the engine sent a JSON line longer than ${max} bytes; the stream looks broken`,
          { endpoint: options.endpoint },
        );
      }
      pending.push(chunk.subarray(start));
    }
  }
  // A stop can cut the last line anywhere: only a body that ended by itself is parsed to the end.
  if (options.stop?.aborted) return;
  const last = parseLine<T>(Buffer.concat(pending), options);
  if (last !== undefined) yield last;
}

function parseLine<T>(line: Buffer, options: JsonLinesOptions<T>): T | undefined {
  const text = line.toString('utf8').trim();
  if (text === '') return undefined;
  const { endpoint } = options;
  try {
    return options.parse ? options.parse(text) : (JSON.parse(text) as T);
  } catch (error) {
    throw new EngineError(
      'engine',
      `the engine sent a line that is not JSON: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`,
      { cause: error, endpoint },
    );
  }
}
