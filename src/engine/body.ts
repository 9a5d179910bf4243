/**
 * Reading a long engine response body (logs, stats streams, attach output) chunk by chunk.
 *
 *   for await (const chunk of bodyChunks(response.body, { signal, stop, endpoint })) …
 *
 * Such a read can end early in two ways, and they mean different things:
 * - `stop` fires: the caller's own bound was reached (a follow window, enough samples). The
 *   body is closed and the read ends cleanly: what came so far is the answer.
 * - `signal` fires: the client cancelled. The read fails with EngineError `cancelled`.
 * A body that breaks for any other reason fails with EngineError `interrupted` (or `timeout`, idle),
 * worded as every broken engine answer is (./errors.ts: answerBroke). Breaking out of
 * the loop closes the body too, so the connection is never left half-read.
 */
import { answerBroke, cancelled, type AnswerContext } from './errors.js';

/** Where the body comes from (address, endpoint, idle bound): named when it breaks. */
export interface BodyReadOptions extends AnswerContext {
  /** The caller's cancellation: fails the read. */
  signal?: AbortSignal | undefined;
  /** The caller's own bound: ends the read cleanly. */
  stop?: AbortSignal | undefined;
}

/** What an engine response body offers: chunks, and a way to let go of the connection. */
export interface ReadableBody extends AsyncIterable<unknown> {
  destroy(error?: Error): unknown;
}

export async function* bodyChunks(
  body: ReadableBody,
  options: BodyReadOptions = {},
): AsyncGenerator<Buffer> {
  const { signal, stop, endpoint } = options;
  const close = (): void => void body.destroy();
  signal?.addEventListener('abort', close, { once: true });
  stop?.addEventListener('abort', close, { once: true });
  try {
    if (signal?.aborted || stop?.aborted) close();
    for await (const chunk of body) yield toBuffer(chunk);
  } catch (error) {
    if (signal?.aborted) throw cancelled(endpoint, error);
    if (stop?.aborted) return;
    throw answerBroke(error, options);
  } finally {
    signal?.removeEventListener('abort', close);
    stop?.removeEventListener('abort', close);
    body.destroy();
  }
  // A destroyed body may end quietly instead of throwing: a cancel is still a cancel.
  if (signal?.aborted && !stop?.aborted) throw cancelled(endpoint);
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
  return Buffer.from(String(chunk));
}
