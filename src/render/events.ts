/**
 * One engine event as a row a model reads at a glance: when, which object, what happened,
 * and only the attributes that matter for that action (an exit code for `die`, the signal
 * for `kill`, the status of a health change, an exec's command). Labels and the other
 * attributes stay out: they repeat on every event and cost tokens.
 *
 *   eventRow(event)  // { time: '2026-12-06T14:18:10.797Z', name: 'web', action: 'die', details: 'exit 137' }
 */
import type { EngineEvent } from '../engine/index.js';
import { ellipsize } from './bound.js';
import { shortId } from './containers.js';

export interface EventRow {
  /** RFC 3339 to the millisecond. */
  time: string;
  /** The container's (or network's, image's) name; a short id when it has none. */
  name: string;
  action: string;
  details: string;
  /** How many identical events in a row this row stands for (an OOM killer's bursts). */
  repeated: number;
}

/** An exec's command, cut: a health probe's command line can be long. */
const MAX_DETAIL = 120;

export function eventRow(event: EngineEvent, signalName?: (number: string) => string): EventRow {
  return {
    time: eventTime(event.nanos),
    name: objectName(event),
    action: event.action,
    details: ellipsize(details(event, signalName), MAX_DETAIL),
    repeated: 1,
  };
}

export function eventTime(nanos: bigint): string {
  return new Date(Number(nanos / 1_000_000n)).toISOString();
}

function objectName(event: EngineEvent): string {
  const name = event.attributes.name;
  if (event.type === 'volume') return event.id;
  return name !== undefined && name !== '' ? name : shortId(event.id);
}

function details(event: EngineEvent, signalName?: (number: string) => string): string {
  const a = event.attributes;
  const parts: string[] = [];
  if (event.type !== 'container') {
    // network and volume events about a container name it by id
    if (a.container) parts.push(`container ${shortId(a.container)}`);
    return parts.join(', ');
  }
  if (event.detail !== undefined) parts.push(event.detail);
  if (a.exitCode !== undefined) parts.push(`exit ${a.exitCode}`);
  if (a.signal !== undefined) parts.push(signalName ? signalName(a.signal) : `signal ${a.signal}`);
  if (event.action === 'rename' && a.oldName) parts.push(`was ${a.oldName.replace(/^\//, '')}`);
  if (event.action === 'create' && a.image) parts.push(a.image);
  return parts.join(', ');
}

/** "2026-12-06" when every row is of that UTC day: the date said once, not per row. */
export function commonDay(rows: readonly EventRow[]): string | undefined {
  const day = rows[0]?.time.slice(0, 10);
  return day !== undefined && rows.every((row) => row.time.startsWith(day)) ? day : undefined;
}

/** A row's details, with the count of identical events folded into it. */
export function eventDetails(row: EventRow): string {
  return [row.details, row.repeated > 1 ? `${row.repeated} times` : ''].filter(Boolean).join(', ');
}
