/**
 * A signal that aborts after `ms`, as AbortSignal.timeout does, but that nothing can lose.
 *
 * On Node 20 a signal from AbortSignal.timeout is held only weakly, by its timer and by any
 * AbortSignal.any built on it: once the garbage collector runs, it is gone, and the
 * composite, even with listeners, never aborts (checked on Node 20.20 with --expose-gc: a
 * 200 ms timeout under AbortSignal.any had not fired 400 ms after a gc()). Under a loaded
 * test suite that made a 3 s readiness wait run on to the call's outer bound. Here the
 * timer holds the controller, so the deadline comes whatever else holds the signal. The
 * timer is unref'd: it keeps no process alive, as AbortSignal.timeout's does not.
 */
export function deadlineSignal(ms: number): AbortSignal {
  return startDeadline(ms).signal;
}

/** A deadline let go once the work it bounds is done: its timer and controller go at once. */
export interface Deadline {
  signal: AbortSignal;
  clear(this: void): void;
}

export function startDeadline(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(
    () =>
      controller.abort(
        new DOMException('The operation was aborted due to timeout', 'TimeoutError'),
      ),
    ms,
  ).unref();
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
