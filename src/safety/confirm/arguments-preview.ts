/**
 * A call's arguments as a confirmation shows them (for tools without a preview of their
 * own): what reaches past the container first and in full (the host settings a create or
 * update carries, and every argument that adds an effect, such as attach's input), then the
 * rest, where only long harmless values are shortened, in the middle, saying how much was
 * left out. One line per argument, every value escaped: padding cannot push a bind mount out
 * of sight, and no value can add a line of its own to what the person reads.
 */
import type { Effects } from '../../mcp/effects.js';
import { escapeControl } from '../../render/escape.js';
import { canonicalJson } from './canonical.js';

/** A harmless string longer than this is shortened to its two ends. */
const LONG_STRING = 160;
const STRING_END = 60;
/** A harmless list longer than this keeps its first and last entries. */
const LONG_LIST = 30;
const LIST_HEAD = 20;
const LIST_TAIL = 5;

interface Line {
  path: string;
  value: unknown;
  full: boolean;
}

export function describeArguments(
  effects: Effects,
  input: Record<string, unknown>,
  skip: readonly string[] = [],
): string {
  const risky = new Set(Object.keys(effects.byArgument ?? {}));
  const lines: Line[] = [];
  for (const [name, value] of Object.entries(input)) {
    if (skip.includes(name) || value === undefined) continue;
    if (name === effects.settings?.argument && effects.settings.form === 'create')
      lines.push(...splitHostSettings(name, value));
    else
      lines.push({
        path: name,
        value,
        full: risky.has(name) || name === effects.settings?.argument,
      });
  }
  if (lines.length === 0) return 'no arguments';
  const ordered = [...lines.filter((l) => l.full), ...lines.filter((l) => !l.full)];
  return [
    'arguments (what reaches past the container first, in full):',
    ...ordered.map(
      (line) =>
        `  ${line.path} = ${escapeControl(canonicalJson(line.full ? line.value : shortened(line.value)))}`,
    ),
  ].join('\n');
}

/** A create body: its HostConfig in full, apart from the rest. */
function splitHostSettings(name: string, body: unknown): Line[] {
  if (typeof body !== 'object' || body === null) return [{ path: name, value: body, full: true }];
  const { HostConfig: host, ...rest } = body as Record<string, unknown>;
  return [
    ...(host === undefined ? [] : [{ path: `${name}.HostConfig`, value: host, full: true }]),
    { path: name, value: rest, full: false },
  ];
}

/** Long strings and lists cut in the middle, with a count of what was left out. */
export function shortened(value: unknown): unknown {
  if (typeof value === 'string') {
    if (value.length <= LONG_STRING) return value;
    const left = value.length - 2 * STRING_END;
    return `${value.slice(0, STRING_END)}…[${left} characters left out]…${value.slice(-STRING_END)}`;
  }
  if (Array.isArray(value)) {
    const items = value.map(shortened);
    if (items.length <= LONG_LIST) return items;
    const left = items.length - LIST_HEAD - LIST_TAIL;
    return [
      ...items.slice(0, LIST_HEAD),
      `…[${left} more entries left out]…`,
      ...items.slice(-LIST_TAIL),
    ];
  }
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shortened(inner)]));
  return value;
}
