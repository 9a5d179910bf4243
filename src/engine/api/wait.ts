/**
 * Waiting for a container: the engine holds the request open until the condition is met,
 * so every wait is bounded by a deadline and by the caller's signal, and aborting either
 * tears the request down (the connection is closed, nothing is left pending on the engine).
 */
import type { Engine } from '../client.js';
import { EngineError } from '../errors.js';
import { apiVersionAtLeast } from '../version.js';
import { waitContainer, type WaitResponse } from './lifecycle.js';
import { startDeadline } from '../deadline.js';

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

export type WaitOutcome =
  { done: true; statusCode: number; error: string | undefined } | { done: false; waitedMs: number };

export interface WaitOptions {
  condition?: WaitCondition;
  /** Give up after this long and report `done: false` (the request is aborted). */
  timeoutMs: number;
  /** The caller's cancellation: aborts the request and throws a `cancelled` EngineError. */
  signal?: AbortSignal | undefined;
}

export async function waitForContainer(
  engine: Engine,
  id: string,
  options: WaitOptions,
): Promise<WaitOutcome> {
  const condition = options.condition ?? 'not-running';
  if (condition !== 'not-running') {
    const version = await engine.apiVersion(options.signal);
    if (!apiVersionAtLeast(version, '1.30')) {
      throw new EngineError(
        'unsupported',
        `waiting for "${condition}" needs Engine API 1.30 or later; ${engine.displayAddress} speaks ${version}, which only waits for "not-running"`,
      );
    }
  }
  const started = Date.now();
  const deadline = startDeadline(options.timeoutMs);
  const signal = options.signal
    ? AbortSignal.any([options.signal, deadline.signal])
    : deadline.signal;
  try {
    // 1.25-1.29 know no conditions and always wait for not-running.
    const query = condition === 'not-running' ? {} : { condition };
    // No idle bound: the answer comes only when the condition is met; the deadline bounds it.
    const answer = await engine.json<WaitResponse>(waitContainer, {
      params: { id },
      query,
      signal,
      idleTimeoutMs: null,
    });
    return {
      done: true,
      statusCode: answer.StatusCode,
      error: answer.Error?.Message || undefined,
    };
  } catch (error) {
    if (options.signal?.aborted) {
      throw new EngineError('cancelled', `waiting for ${id} was cancelled`, { cause: error });
    }
    if (deadline.signal.aborted) return { done: false, waitedMs: Date.now() - started };
    if (error instanceof EngineError) throw error;
    throw new EngineError('engine', `waiting for ${id} failed: ${describe(error)}`, {
      cause: error,
      endpoint: 'POST /containers/{id}/wait',
    });
  } finally {
    deadline.clear();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
