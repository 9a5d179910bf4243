/** Progress notifications for tools that wait: elapsed time against the longest wait. */
import type { ToolContext } from './define.js';

/**
 * Run `work`, reporting every `everyMs` how long it has waited (seconds, out of `totalS`).
 * `ctx.progress` is a no-op unless the client sent a progressToken.
 */
export async function withProgress<T>(
  ctx: ToolContext,
  work: Promise<T>,
  totalS: number,
  message: (elapsedS: number) => string,
  everyMs = 1000,
): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => {
    const elapsedS = Math.round((Date.now() - started) / 1000);
    void ctx.progress(elapsedS, totalS, message(elapsedS));
  }, everyMs);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}
