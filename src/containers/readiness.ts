/**
 * Waiting until a container is ready, or can no longer get there:
 *
 *   const wait = new ReadinessWait(engine, id, { condition: 'healthy', signal, deadline });
 *   await wait.run()   // { kind: 'met', at } | { kind: 'cannot', reason } | { kind: 'timed_out' }
 *   wait.state         // what it knows now: the last inspect, the last line read
 *
 * `running` and `healthy` are read from the container's state, read again whenever the
 * engine reports an event of this container (a start, a die, a health change, a probe) and
 * at least every POLL_MS (Podman reports no health changes). `log` follows the output, both
 * streams, from `since` (default: since its current run began) for a line matching the pattern; when the
 * output ends, the state says whether it is restarting (follow the next run) or done.
 *
 * It ends without the condition when the container cannot get there by itself: exited or
 * dead (nothing restarts it), removed, unhealthy (for `healthy`), or without a healthcheck.
 * A created, restarting or paused container may still get there: the wait goes on.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { inspectIfExists } from '../engine/api/lookup.js';
import { followEvents, type ContainerInspect, type Engine } from '../engine/index.js';
import { formatUnixSeconds, parseRfc3339 } from '../engine/timestamps.js';
import type { LinePattern } from '../render/output/pattern.js';
import { isZeroTime } from '../render/time.js';
import { healthFacts } from './health.js';
import { STATE_ACTIONS } from './state.js';
import { watchLogs, type LogWatch, type SeenLine } from './log-watch.js';
import { startDeadline, type Deadline } from '../engine/deadline.js';

export type Readiness = 'running' | 'healthy' | 'log';

/** Why a wait ends without its condition: the container can no longer get there by itself. */
export const CANNOT_REASONS = [
  'exited',
  'dead',
  'removed',
  'unhealthy',
  'no_healthcheck',
  'start_failed',
] as const;
export type CannotReason = (typeof CANNOT_REASONS)[number];

export type ReadyOutcome =
  | { kind: 'met'; at?: string; line?: SeenLine }
  | { kind: 'cannot'; reason: CannotReason }
  | { kind: 'timed_out' };

export interface ReadyOptions {
  condition: Readiness;
  /** For `log`: the pattern a line must match. */
  pattern?: LinePattern;
  /** For `log`: nanoseconds; lines written at or after this (default: its current run's). */
  since?: bigint | undefined;
  /** Date.now() ms: the wait ends there, timed out. */
  deadline: number;
  signal: AbortSignal;
}

/** What the wait knows now: for progress messages and for the answer's evidence. */
export interface ReadyState {
  container?: ContainerInspect;
  removed?: boolean;
  /** For `log`: the last line read, and how many. */
  lastLine?: SeenLine;
  lines: number;
}

/** The state is read at least this often, events or not. */
export const POLL_MS = 1000;

/** The verdict on one reading of the state, for `running` or `healthy`. */
export function decide(
  container: ContainerInspect | undefined,
  condition: 'running' | 'healthy',
): 'met' | 'pending' | { cannot: CannotReason } {
  if (!container) return { cannot: 'removed' };
  const health = healthFacts(container);
  if (condition === 'healthy' && !health) return { cannot: 'no_healthcheck' };
  const { State: state } = container;
  if (state.Status === 'removing') return 'pending'; // gone in a moment: Dead is set meanwhile
  if (state.Dead || state.Status === 'dead') return { cannot: 'dead' };
  if (state.Status === 'exited') return { cannot: 'exited' };
  // A start that failed leaves it created, with the runtime's error and exit code.
  if (state.Status === 'created' && state.Error !== '') return { cannot: 'start_failed' };
  if (state.Status !== 'running') return 'pending'; // created, restarting, paused, removing
  if (condition === 'running') return 'met';
  if (health?.status === 'healthy') return 'met';
  if (health?.status === 'unhealthy') return { cannot: 'unhealthy' };
  return 'pending';
}

export class ReadinessWait {
  readonly state: ReadyState = { lines: 0 };
  private readonly stop = new AbortController();
  private readonly deadline: Deadline;
  private readonly signal: AbortSignal;

  constructor(
    private readonly engine: Engine,
    private readonly id: string,
    private readonly options: ReadyOptions,
  ) {
    const left = Math.max(1, options.deadline - Date.now());
    this.deadline = startDeadline(left);
    this.signal = AbortSignal.any([options.signal, this.stop.signal, this.deadline.signal]);
  }

  async run(): Promise<ReadyOutcome> {
    try {
      return this.options.condition === 'log'
        ? await this.untilLine()
        : await this.untilState(this.options.condition);
    } catch (error) {
      if (this.options.signal.aborted) throw error;
      if (Date.now() >= this.options.deadline - 5) return { kind: 'timed_out' };
      throw error;
    } finally {
      this.stop.abort(); // the event stream, a logs follow: nothing outlives the wait
      this.deadline.clear();
    }
  }

  /** The container now; one being removed is read again until it is gone. */
  private async read(): Promise<ContainerInspect | undefined> {
    let container = await inspectIfExists(this.engine, this.id, this.signal);
    while (container?.State.Status === 'removing') {
      await delay(POLL_MS / 10, undefined, { signal: this.signal });
      container = await inspectIfExists(this.engine, this.id, this.signal);
    }
    if (container) this.state.container = container;
    else this.state.removed = true;
    return container;
  }

  /** Read the state on every event of this container, and every POLL_MS, until decided. */
  private async untilState(
    condition: 'running' | 'healthy',
    enough?: (container: ContainerInspect) => boolean,
  ): Promise<ReadyOutcome> {
    let wake: () => void = () => undefined;
    const woken = (): Promise<void> => new Promise((resolve) => (wake = resolve));
    let next = woken();
    const since = BigInt(Date.now()) * 1_000_000n;
    const pump = new AbortController();
    const events = this.pumpEvents(since, AbortSignal.any([this.signal, pump.signal]), () =>
      wake(),
    );
    try {
      for (;;) {
        const container = await this.read();
        if (container && enough?.(container)) return { kind: 'met' };
        const verdict = decide(container, condition);
        if (verdict === 'met')
          return { kind: 'met', ...(container && { at: metAt(container, condition) }) };
        if (verdict !== 'pending') return { kind: 'cannot', reason: verdict.cannot };
        await Promise.race([next, delay(POLL_MS, undefined, { signal: this.signal })]);
        next = woken();
      }
    } finally {
      pump.abort();
      await events;
    }
  }

  /** Wake the state loop on every event of this container; a broken stream leaves the polling. */
  private async pumpEvents(since: bigint, signal: AbortSignal, onEvent: () => void): Promise<void> {
    try {
      for await (const _ of followEvents(this.engine, {
        since,
        // Only what changes its state: a health probe alone is three exec events.
        filter: { types: ['container'], containers: [this.id], actions: STATE_ACTIONS },
        signal,
        maxBreaks: 3,
      }))
        onEvent();
    } catch {
      // polling carries on alone
    }
  }

  private async untilLine(): Promise<ReadyOutcome> {
    const pattern = this.options.pattern;
    if (!pattern) throw new Error('a log wait needs a pattern');
    let container = await this.read();
    if (!container) return { kind: 'cannot', reason: 'removed' };
    if (container.State.Status === 'created') {
      // Not started yet: wait for its start (or its end), then read its output.
      const started = await this.untilState('running', (c) => c.State.Status !== 'created');
      if (started.kind !== 'met') return started;
      container = this.state.container ?? container;
    }
    let since = this.options.since ?? runStart(container);
    for (;;) {
      let watch: LogWatch | undefined;
      let refused: Error | undefined;
      try {
        watch = await watchLogs(this.engine, container, {
          pattern,
          since: formatUnixSeconds(since),
          signal: this.signal,
          onLine: (line) => {
            this.state.lines += 1;
            this.state.lastLine = line;
          },
        });
      } catch (error) {
        // A container being removed refuses its logs (409 "marked for removal") or is gone
        // (404): its state says which, and an answer that it was removed is the right one.
        if (this.signal.aborted) throw error;
        refused = error instanceof Error ? error : new Error(String(error));
      }
      if (watch?.match)
        return {
          kind: 'met',
          ...(watch.match.time && { at: watch.match.time }),
          line: watch.match,
        };
      // The output ended: the container stopped. Restarting, or started again: read on.
      const now = await this.read();
      if (!now) return { kind: 'cannot', reason: 'removed' };
      if (now.State.Dead) return { kind: 'cannot', reason: 'dead' };
      if (now.State.Status === 'exited') return { kind: 'cannot', reason: 'exited' };
      if (refused !== undefined) throw refused;
      const last = watch?.last?.time ? parseRfc3339(watch.last.time) : undefined;
      since = last !== undefined ? last + 1n : since;
      container = now;
      await delay(POLL_MS / 4, undefined, { signal: this.signal });
    }
  }
}

/**
 * Where its current run's output begins, in nanoseconds: just after its previous run ended
 * when it runs again, else its creation. Not StartedAt: the engine records it after the
 * process has started, so the first lines can carry earlier timestamps.
 */
function runStart(container: ContainerInspect): bigint {
  const { State: state } = container;
  const previousEnd =
    state.Status !== 'exited' && !isZeroTime(state.FinishedAt)
      ? parseRfc3339(state.FinishedAt)
      : undefined;
  if (previousEnd !== undefined) return previousEnd + 1n;
  return parseRfc3339(container.Created) ?? 0n;
}

/** When the condition was met, as the engine recorded it. */
function metAt(container: ContainerInspect, condition: 'running' | 'healthy'): string | undefined {
  if (condition === 'running') return container.State.StartedAt;
  return container.State.Health?.Log?.at(-1)?.End;
}
