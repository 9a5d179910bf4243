/**
 * Engine events as answers take them (container_events, and diagnose's recent events): the
 * filters a model writes, and the newest events between two times, collected into rows
 * within a count and a byte budget. Identical events in a row are one row with a count (the
 * OOM killer reports a burst); exec events (every health probe writes three) are counted,
 * not shown, unless the filter names them.
 */
import { z } from 'zod';
import {
  readEvents,
  type Engine,
  type EngineEvent,
  type EventFilter,
  type EventReadSummary,
} from '../engine/index.js';
import { eventRow, type EventRow } from '../render/events.js';
import { filterValue, filterValues, filtersInput } from './inputs.js';
import { parseSignal } from './signals.js';

const EVENT_TYPES = ['container', 'image', 'volume', 'network'] as const;

/** Actions the engines report (Docker's list, and Podman's own init and cleanup). */
const EVENT_ACTIONS = [
  'attach',
  'checkpoint',
  'cleanup',
  'archive-path',
  'commit',
  'connect',
  'copy',
  'create',
  'delete',
  'destroy',
  'detach',
  'die',
  'disconnect',
  'exec_create',
  'exec_detach',
  'exec_die',
  'exec_start',
  'export',
  'extract-to-dir',
  'health_status',
  'import',
  'init',
  'kill',
  'load',
  'mount',
  'oom',
  'pause',
  'prune',
  'pull',
  'push',
  'remove',
  'rename',
  'resize',
  'restart',
  'restore',
  'save',
  'start',
  'stop',
  'tag',
  'top',
  'unmount',
  'unpause',
  'untag',
  'update',
] as const;

const EXEC_ACTIONS: readonly string[] = ['exec_create', 'exec_start', 'exec_die', 'exec_detach'];

/**
 * Attributes the engine itself writes on container events, next to the container's labels
 * (which share the same map): a label filter on one of these keys cannot be told apart.
 */
const EVENT_ATTRIBUTES = [
  'name',
  'image',
  'exitCode',
  'signal',
  'execID',
  'execDuration',
  'oldName',
  'container',
  'type',
  'driver',
  'podId',
  'containerExitCode',
] as const;

export const eventFilters = filtersInput(
  z.strictObject({
    container: filterValues(filterValue, 'Container name or id (also a removed one)'),
    event: filterValues(
      z.enum(EVENT_ACTIONS),
      'Action, e.g. "die", "oom", "health_status", "start", "destroy"; exec_* shows health probes and execs',
    ),
    label: filterValues(filterValue, 'Label "key" or "key=value"; several must all match'),
    type: filterValues(
      z.enum(EVENT_TYPES),
      'Object type: container (the default), image, volume, network',
    ),
  }),
  'Which events: {"container": ["web"], "event": ["die", "oom"], "label": ["app=web"], "type": ["container"]}',
  ['event', 'type'],
);

export type EventFilters = NonNullable<z.output<typeof eventFilters>>;

const list = (value: string | readonly string[] | undefined): string[] | undefined =>
  value === undefined ? undefined : typeof value === 'string' ? [value] : [...value];

/** The filter the reader applies; container events unless `type` says otherwise. */
export function toEventFilter(filters: EventFilters | undefined): EventFilter {
  const actions = list(filters?.event);
  return {
    types: list(filters?.type) ?? ['container'],
    ...(actions && { actions: actions.map((a) => (a === 'remove' ? 'destroy' : a)) }),
    ...(filters?.container !== undefined && { containers: list(filters.container) }),
    ...(filters?.label !== undefined && { labels: list(filters.label) }),
  };
}

/** A label filter key the engine also uses for its own attributes, or undefined. */
export function attributeClash(filter: EventFilter): string | undefined {
  const keys = (filter.labels ?? []).map((label) => label.split('=')[0] ?? label);
  return keys.find((key) => (EVENT_ATTRIBUTES as readonly string[]).includes(key));
}

export interface CollectOptions {
  since: bigint;
  until: bigint;
  filter: EventFilter;
  /** Rows kept, newest first out. */
  limit: number;
  /** Bytes of rows kept (as a text line each). */
  maxBytes: number;
  signal?: AbortSignal | undefined;
}

export interface CollectedEvents {
  /** Oldest first. */
  rows: EventRow[];
  /** Events that matched (exec events the filter did not ask for are not among them). */
  matched: number;
  /** Matching events older than the rows kept. */
  leftOut: number;
  /** The oldest event kept: a cursor back ends just before it. */
  oldestKept?: bigint;
  /** Exec events left out because the filter did not name them. */
  execLeftOut: number;
  reading: EventReadSummary;
}

/** Past this many events read from the engine, the read stops (a long Podman journal). */
const MAX_READ = 200_000;

export async function collectEvents(
  engine: Engine,
  options: CollectOptions,
): Promise<CollectedEvents> {
  const withExec = options.filter.actions?.some((a) => EXEC_ACTIONS.includes(a)) ?? false;
  const kept: { row: EventRow; key: string; nanos: bigint; bytes: number }[] = [];
  let bytes = 0;
  let matched = 0;
  let leftOut = 0;
  let execLeftOut = 0;
  const reading = await readEvents(
    engine,
    { ...options, maxRead: MAX_READ },
    (event: EngineEvent) => {
      if (!withExec && EXEC_ACTIONS.includes(event.action)) {
        execLeftOut += 1;
        return;
      }
      matched += 1;
      const key = `${event.type}/${event.id}/${event.action}/${event.detail ?? ''}/${event.attributes.exitCode ?? ''}`;
      const last = kept.at(-1);
      if (last?.key === key) {
        last.row.repeated += 1;
        return;
      }
      const row = eventRow(event, signalName);
      const size = row.time.length + row.name.length + row.action.length + row.details.length + 8;
      kept.push({ row, key, nanos: event.nanos, bytes: size });
      bytes += size;
      while (kept.length > options.limit || (bytes > options.maxBytes && kept.length > 1)) {
        const dropped = kept.shift();
        if (!dropped) break;
        bytes -= dropped.bytes;
        leftOut += dropped.row.repeated;
      }
    },
  );
  return {
    rows: kept.map((entry) => entry.row),
    matched,
    leftOut,
    ...(kept[0] && { oldestKept: kept[0].nanos }),
    execLeftOut,
    reading,
  };
}

/** "9" -> "SIGKILL": the kill event carries the number. */
function signalName(number: string): string {
  const parsed = parseSignal(number);
  return 'signal' in parsed ? parsed.signal : `signal ${number}`;
}
