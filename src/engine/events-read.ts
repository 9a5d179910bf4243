/**
 * Reading the engine's events, bounded or live, through one filter (./events.ts):
 *
 *   await readEvents(engine, { since, until, filter, signal }, (event) => …)  // between two times
 *   for await (const event of followEvents(engine, { filter, signal, hooks })) …  // live
 *
 * A bounded read asks each engine the way it answers (README, "Supported engines"):
 * Docker ends the stream at `until`, and keeps only its newest 256 events in memory, so it
 * is asked from the start of that store to learn how far back it reaches; Podman ignores
 * an `until` in the past (it answers nothing), so it is asked with `stream=false` and the
 * read stops at the first event past `until`.
 *
 * A live read (for waits, and for a feed of changes) reconnects when the stream breaks, an
 * engine restart for instance, from the last event it saw; `hooks` hear about each break and
 * each resumption, and may stop it.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { systemEvents } from './api/events.js';
import type { Engine } from './client.js';
import { EngineError } from './errors.js';
import {
  engineFilters,
  matchesEvent,
  parseEvent,
  type EngineEvent,
  type EventFilter,
} from './events.js';
import { readJsonLines } from './ndjson.js';
import { formatUnixSeconds } from './timestamps.js';

/** Docker's in-memory store of past events (moby's eventsLimit). */
export const DOCKER_KEPT_EVENTS = 256;

export interface EventReadOptions {
  /** Nanoseconds since the epoch; from the engine's oldest event when absent. */
  since?: bigint | undefined;
  /** Nanoseconds since the epoch: the read ends there. */
  until: bigint;
  filter: EventFilter;
  signal?: AbortSignal | undefined;
  /** Stop reading after this many events from the engine (a long Podman journal). */
  maxRead?: number;
}

export interface EventReadSummary {
  /** Events the engine sent between since and until (before the filter). */
  read: number;
  /** The read stopped at maxRead before reaching `until`. */
  capped: boolean;
  /**
   * Docker: the oldest event its store still holds, when that store is full and starts after
   * `since` (what came before is gone).
   */
  storeStartsAt?: bigint;
}

export async function readEvents(
  engine: Engine,
  options: EventReadOptions,
  onEvent: (event: EngineEvent) => void,
): Promise<EventReadSummary> {
  const podman = (await engine.flavor(options.signal)) === 'podman';
  const since = options.since ?? 0n;
  const response = await engine.request(systemEvents, {
    query: podman
      ? { since: formatUnixSeconds(since), stream: false, filters: engineFilters(options.filter) }
      : // From the start of Docker's store, unfiltered: it is small, and its start says how far back it reaches.
        { since: '1', until: formatUnixSeconds(options.until) },
    signal: options.signal,
  });
  const maxRead = options.maxRead ?? Number.POSITIVE_INFINITY;
  let read = 0;
  let stored = 0;
  let first: bigint | undefined;
  // Leaving the loop early (past `until`, maxRead) closes the body and its connection.
  for await (const event of readJsonLines<EngineEvent>(response.body, {
    parse: parseEvent,
    signal: options.signal,
    ...response.context,
  })) {
    first ??= event.nanos;
    if (event.nanos > options.until) break; // Podman streams on past `until`
    stored += 1;
    if (event.nanos < since) continue; // Docker's store before `since`
    read += 1;
    if (matchesEvent(event, options.filter)) onEvent(event);
    if (read >= maxRead) break;
  }
  const full = !podman && stored >= DOCKER_KEPT_EVENTS;
  return {
    read,
    capped: read >= maxRead,
    ...(full && first !== undefined && first > since && { storeStartsAt: first }),
  };
}

export interface FollowHooks {
  /**
   * The stream broke (`error`) or ended; the read resumes after `delayMs` unless this returns
   * false. `attempt` counts breaks since the last event.
   */
  onBreak?: (error: EngineError | undefined, attempt: number) => boolean | void;
  /** Reading again, from `since`: what happened during the break comes first. */
  onResume?: (since: bigint) => void;
}

export interface FollowOptions {
  /** Nanoseconds: replay events from here first; live only when absent. */
  since?: bigint | undefined;
  filter: EventFilter;
  signal: AbortSignal;
  hooks?: FollowHooks;
  /** Give up after this many breaks in a row (default: never; the signal ends it). */
  maxBreaks?: number;
}

const FIRST_RETRY_MS = 200;
const LAST_RETRY_MS = 5000;

export async function* followEvents(
  engine: Engine,
  options: FollowOptions,
): AsyncGenerator<EngineEvent> {
  const { signal, filter, hooks } = options;
  let since = options.since;
  let breaks = 0;
  for (;;) {
    let broke: EngineError | undefined;
    try {
      const response = await engine.request(systemEvents, {
        query: {
          ...(since !== undefined && { since: formatUnixSeconds(since) }),
          filters: engineFilters(filter),
        },
        signal,
        idleTimeoutMs: null, // a quiet engine sends nothing for hours
      });
      for await (const event of readJsonLines<EngineEvent>(response.body, {
        parse: parseEvent,
        signal,
        ...response.context,
      })) {
        breaks = 0;
        since = event.nanos + 1n;
        if (matchesEvent(event, filter)) yield event;
      }
    } catch (error) {
      if (signal.aborted || !isBreak(error)) throw error;
      broke = error as EngineError;
    }
    breaks += 1;
    if (hooks?.onBreak?.(broke, breaks) === false) return;
    if (options.maxBreaks !== undefined && breaks > options.maxBreaks) {
      throw broke ?? new EngineError('interrupted', 'the engine ended its event stream');
    }
    await pause(Math.min(FIRST_RETRY_MS * 2 ** (breaks - 1), LAST_RETRY_MS), signal);
    // Live again from the last event seen, or from the break when none came yet.
    since ??= BigInt(Date.now()) * 1_000_000n;
    hooks?.onResume?.(since);
  }
}

/** The stream broke off or the engine went away (a restart): worth reading again. */
function isBreak(error: unknown): boolean {
  return (
    error instanceof EngineError &&
    (error.code === 'interrupted' || error.code === 'unavailable' || error.code === 'timeout')
  );
}

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await delay(ms, undefined, { signal });
  } catch (error) {
    throw new EngineError('cancelled', 'reading the engine events was cancelled', { cause: error });
  }
}
