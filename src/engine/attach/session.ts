/**
 * A bounded attach session over an open connection (./hijack.ts or ./websocket.ts): send the
 * input, give stdin EOF if asked, read the output until the first of the time window, the
 * byte cap or the stream's end, then let go of the connection (detach).
 *
 *   const result = await runSession(stream, { multiplexed: !tty, input, durationMs: 2000,
 *     maxBytes: 16384, onFrame: (frame) => collector.push(frame) });
 *
 * The caller's `signal` (a cancelled call) fails the session with EngineError `cancelled`.
 */
import type { Duplex } from 'node:stream';
import type { Frame } from '../demux.js';
import { EngineError } from '../errors.js';
import { readOutput } from '../output.js';
import { deadlineSignal } from '../deadline.js';

/**
 * How stdin gets EOF: a TTY reads Ctrl-D (`eot`) and would end the whole attach on a
 * half-close; without a TTY the half-close is the EOF (for containers created with
 * StdinOnce; others just detach).
 */
export type StdinClose = 'eot' | 'half-close';

export interface SessionOptions {
  /** Multiplexed frames (hijacked attach without a TTY), else raw bytes as stdout. */
  multiplexed: boolean;
  input?: Buffer | undefined;
  closeStdin?: StdinClose | undefined;
  durationMs: number;
  /** Output bytes (payload, not frame headers) after which the session ends. */
  maxBytes: number;
  signal?: AbortSignal | undefined;
  endpoint?: string;
  /** The engine's address, named when the connection breaks. */
  address?: string;
  onFrame: (frame: Frame) => void;
}

export interface SessionResult {
  ended: 'duration' | 'max_bytes' | 'stream_end';
  /**
   * The engine had closed the connection when the input went out (the process had ended):
   * the input did not arrive, and output still in flight may be missing.
   */
  inputRefused?: true;
  /** Output bytes received (at most maxBytes). */
  bytes: number;
  inputBytes: number;
  ms: number;
}

const EOT = Buffer.from([0x04]);

export async function runSession(stream: Duplex, options: SessionOptions): Promise<SessionResult> {
  const started = Date.now();
  const window = deadlineSignal(options.durationMs);
  const full = new AbortController();
  const stop = AbortSignal.any([window, full.signal]);
  const inputBytes = sendInput(stream, options);
  let bytes = 0;
  let inputRefused = false;
  try {
    const reading = readOutput(stream, {
      tty: !options.multiplexed,
      signal: options.signal,
      stop,
      endpoint: options.endpoint,
      address: options.address,
    });
    for await (const frames of reading) {
      for (const frame of frames) {
        if (full.signal.aborted) break;
        const room = options.maxBytes - bytes;
        const data = frame.data.length > room ? frame.data.subarray(0, room) : frame.data;
        bytes += data.length;
        options.onFrame({ stream: frame.stream, data });
        if (bytes >= options.maxBytes) full.abort();
      }
    }
  } catch (error) {
    if (!wroteAfterClose(error)) throw error;
    inputRefused = true;
  } finally {
    stream.destroy(); // detach
  }
  const ended = full.signal.aborted ? 'max_bytes' : window.aborted ? 'duration' : 'stream_end';
  return {
    ended,
    bytes,
    inputBytes,
    ms: Date.now() - started,
    ...(inputRefused && { inputRefused: true }),
  };
}

/**
 * Our write failed because the engine had closed its end (EPIPE, ECONNRESET on a write): a
 * process that exits at once closes the connection while the input is on its way. The
 * socket is gone, but that is the output's end, not a broken answer.
 */
function wroteAfterClose(error: unknown): boolean {
  const cause = error instanceof EngineError ? error.cause : error;
  const { code, syscall } = (cause ?? {}) as { code?: unknown; syscall?: unknown };
  return syscall === 'write' && (code === 'EPIPE' || code === 'ECONNRESET');
}

function sendInput(stream: Duplex, options: SessionOptions): number {
  const { input, closeStdin } = options;
  let sent = 0;
  if (input && input.length > 0) {
    stream.write(input);
    sent += input.length;
  }
  if (closeStdin === 'eot') {
    // Ctrl-D ends a line that has no newline yet; only a second one is EOF then.
    const pendingLine = input !== undefined && input.length > 0 && input.at(-1) !== 0x0a;
    stream.write(pendingLine ? Buffer.concat([EOT, EOT]) : EOT);
  } else if (closeStdin === 'half-close') {
    stream.end();
  }
  return sent;
}
