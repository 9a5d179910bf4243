/**
 * Engine events, the same shape from every engine, and which of them a filter keeps:
 *
 *   parseEvent(line)                     // one line of GET /events, or throws
 *   matchesEvent(event, { types: ['container'], actions: ['die'], containers: ['web'] })
 *
 * Differences smoothed here (README, "Supported engines"): Podman names a removal
 * "remove" where Docker says "destroy"; Docker writes a health change as the action
 * "health_status: healthy" and an exec as "exec_start: <command>" (the part after the colon
 * becomes `detail`); `timeNano` is past 2^53, so it is read from the text of the line.
 */
import type { RawEvent } from './api/events.js';

export interface EngineEvent {
  /** container, image, volume, network, daemon, ... */
  type: string;
  /** The action without its detail: "die", "health_status", "exec_start", "destroy". */
  action: string;
  /** What followed a colon in the engine's action: "healthy", an exec's command. */
  detail?: string;
  /** The object's id (a container's full id). */
  id: string;
  /** The object's attributes: a container's name, image, labels, exitCode, signal. */
  attributes: Record<string, string>;
  /** Nanoseconds since the epoch. */
  nanos: bigint;
}

/** The same container event whatever engine sent it: Podman's names to Docker's. */
const CONTAINER_ALIASES: Record<string, string> = { remove: 'destroy', died: 'die' };

const TIME_NANO = /"timeNano"\s*:\s*(\d+)/;

/** One line of the events stream as an EngineEvent. */
export function parseEvent(text: string): EngineEvent {
  const raw = JSON.parse(text) as RawEvent;
  const nanoText = TIME_NANO.exec(text)?.[1];
  const nanos =
    nanoText !== undefined ? BigInt(nanoText) : BigInt(Math.trunc(raw.time ?? 0)) * 1_000_000_000n;
  const [name = '', ...rest] = (raw.Action ?? raw.status ?? '').split(':');
  const detail = rest.join(':').trim();
  const action = name.trim();
  const type = raw.Type ?? 'container';
  return {
    type,
    action: (type === 'container' && CONTAINER_ALIASES[action]) || action,
    ...(detail !== '' && { detail }),
    id: raw.Actor?.ID ?? raw.id ?? '',
    attributes: { ...raw.Actor?.Attributes },
    nanos,
  };
}

/** Which events to keep; every list given must match (within a list, any value). */
export interface EventFilter {
  types?: readonly string[];
  /** Actions as this module names them ("die", "health_status", "destroy"). */
  actions?: readonly string[];
  /** Container names, full ids or id prefixes (as the engine's own filter matches them). */
  containers?: readonly string[];
  /** "key" or "key=value" on the object's labels. */
  labels?: readonly string[];
}

export function matchesEvent(event: EngineEvent, filter: EventFilter): boolean {
  if (filter.types && !filter.types.includes(event.type)) return false;
  if (filter.actions && !filter.actions.includes(event.action)) return false;
  if (filter.containers && !filter.containers.some((ref) => namesContainer(event, ref)))
    return false;
  if (filter.labels && !filter.labels.every((label) => hasLabel(event.attributes, label)))
    return false;
  return true;
}

/** A container event by its name or id, or a network/volume event about that container. */
function namesContainer(event: EngineEvent, ref: string): boolean {
  const name = ref.replace(/^\//, '');
  const ids =
    event.type === 'container' ? [event.id] : [event.attributes.container ?? ''].filter(Boolean);
  if (event.type === 'container' && event.attributes.name === name) return true;
  return /^[0-9a-f]+$/.test(name) && ids.some((id) => id.startsWith(name));
}

function hasLabel(attributes: Record<string, string>, label: string): boolean {
  const at = label.indexOf('=');
  if (at < 0) return Object.hasOwn(attributes, label);
  return attributes[label.slice(0, at)] === label.slice(at + 1);
}

/**
 * The filters worth sending to the engine, to narrow what it streams (the filter is applied
 * again here, always). Only where both engines read them alike: `type`, `container` and
 * `label=value` (Podman finds nothing for a bare label key, and knows events by other names).
 */
export function engineFilters(filter: EventFilter): Record<string, string[]> | undefined {
  const sent: Record<string, string[]> = {};
  if (filter.types) sent.type = [...filter.types];
  if (filter.containers) sent.container = [...filter.containers];
  const valued = filter.labels?.filter((label) => label.includes('='));
  if (valued && valued.length > 0) sent.label = valued;
  return Object.keys(sent).length === 0 ? undefined : sent;
}
