/**
 * Waiting that ends at the caller's own signal, whatever it waits for.
 *
 * undici settles a request on abort only once the request has reached a connection: one
 * still queued (every connection of a pool busy, or the connection still being made, as an
 * ssh connector takes a second) just records the reason and stays pending until a
 * connection frees up, and is then sent, aborted, on that connection. And a call that joins
 * work another call started (the version ping) would wait on that call's terms. Both would
 * hold a cancelled call, and what it started, past the cancel.
 *
 *   await untilAborted(pool.request(...), signal, (late) => late.body.destroy())
 *   const info = await ping.join(signal)   // SharedWork: aborted once nobody waits for it
 */
import { cancelled } from './errors.js';

/**
 * `work`, or a `cancelled` error as soon as `signal` fires. What `work` yields after that is
 * handed to `discard` (an answer nobody reads: its body must be let go).
 */
export function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  discard?: (late: T) => void,
  endpoint?: string,
): Promise<T> {
  if (!signal) return work;
  let abort = noop;
  const aborted = new Promise<never>((_, reject) => {
    abort = () => reject(cancelled(endpoint, signal.reason));
  });
  // Whatever the work yields after the cancel goes to no one.
  aborted.catch(() => work.then((late) => discard?.(late), noop));
  if (signal.aborted) abort();
  else {
    signal.addEventListener('abort', abort, { once: true });
    const settled = (): void => signal.removeEventListener('abort', abort);
    work.then(settled, settled);
  }
  return Promise.race([work, aborted]);
}

/**
 * One piece of work that several calls wait for (the engine's ping): started by the first
 * to ask, kept once it succeeds, started again after it failed. Each caller stops waiting
 * at its own signal; the work itself is aborted when every caller waiting for it has
 * stopped, so a cancelled call leaves no request of its own behind, and a call that is not
 * cancelled is never failed by another call's cancel.
 */
export class SharedWork<T> {
  private current:
    | { promise: Promise<T>; controller: AbortController; waiting: number; settled: boolean }
    | undefined;

  constructor(
    private readonly start: (signal: AbortSignal) => Promise<T>,
    private readonly endpoint?: string,
  ) {}

  join(signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelled(this.endpoint, signal.reason));
    const current = (this.current ??= this.begin());
    if (current.settled) return current.promise;
    current.waiting += 1;
    const leave = (): void => {
      current.waiting -= 1;
      if (current.waiting === 0 && !current.settled) current.controller.abort();
    };
    const waiting = untilAborted(current.promise, signal, undefined, this.endpoint);
    // A caller that gave up no longer keeps the work alive.
    signal?.addEventListener('abort', leave, { once: true });
    const settle = (): void => signal?.removeEventListener('abort', leave);
    waiting.then(settle, settle);
    return waiting;
  }

  /** Forget a result: the next caller starts the work again (the engine may have changed). */
  reset(): void {
    if (this.current?.settled) this.current = undefined;
  }

  private begin(): NonNullable<SharedWork<T>['current']> {
    const controller = new AbortController();
    const entry = {
      promise: this.start(controller.signal),
      controller,
      waiting: 0,
      settled: false,
    };
    entry.promise.then(
      () => (entry.settled = true),
      () => {
        if (this.current === entry) this.current = undefined; // retried by the next caller
      },
    );
    return entry;
  }
}

function noop(): void {}
