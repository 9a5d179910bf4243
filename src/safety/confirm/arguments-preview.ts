/**
 * A call's arguments as a confirmation shows them (for tools without a preview of their
 * own): every value in full, escaped onto its line, except descriptive ones (names, labels,
 * hostnames), which alone may be shortened, in the middle, with a count of what was left
 * out. What runs (a command, an entrypoint, a health check, the user, the environment) and
 * what reaches past the container are never shortened: a harmless start followed by
 * "[116 characters left out]" would hide the part that matters. Lines are ordered by risk:
 * what reaches past the container first (the arguments that add an effect, a create's
 * HostConfig and NetworkingConfig), then what runs, then the rest, descriptive values last.
 * No value can add a line of its own to what the person reads.
 */
import type { Effects } from '../../mcp/effects.js';
import { escapeControl } from '../../render/escape.js';
import { canonicalJson } from './canonical.js';

/** Keys whose values only describe (at any depth): the only values ever shortened. */
const DESCRIPTIVE = new Set(['name', 'Labels', 'Hostname', 'Domainname']);
/** A create body's fields that reach past the container, then those that say what runs. */
const REACHING = ['HostConfig', 'NetworkingConfig'];
const RUNS = ['Entrypoint', 'Cmd', 'Healthcheck', 'User', 'Env', 'WorkingDir', 'Shell', 'OnBuild'];

/** A descriptive string longer than this is shortened to its two ends. */
const LONG_STRING = 160;
const STRING_END = 60;
/** A descriptive list or map longer than this keeps its first and last entries. */
const LONG_LIST = 30;
const LIST_HEAD = 20;
const LIST_TAIL = 5;

interface Line {
  path: string;
  value: unknown;
  /** 0: reaches past the container; 1: what runs; 2: the rest; 3: descriptive. */
  rank: number;
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
      lines.push(...bodyLines(name, value));
    else
      lines.push({
        path: name,
        value,
        rank: risky.has(name) || name === effects.settings?.argument ? 0 : rankOf(name),
      });
  }
  if (lines.length === 0) return 'no arguments';
  const ordered = [...lines].sort((a, b) => a.rank - b.rank);
  return [
    'arguments, in full (only names and labels may be shortened), what reaches past the container first:',
    ...ordered.map((line) => `  ${line.path} = ${escapeControl(canonicalJson(shown(line)))}`),
  ].join('\n');
}

/** A create body, one line per field. */
function bodyLines(name: string, body: unknown): Line[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return [{ path: name, value: body, rank: 0 }];
  return Object.entries(body as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => ({ path: `${name}.${field}`, value, rank: rankOf(field) }));
}

function rankOf(field: string): number {
  if (REACHING.includes(field)) return 0;
  if (RUNS.includes(field)) return 1;
  return DESCRIPTIVE.has(field) ? 3 : 2;
}

function shown(line: Line): unknown {
  const key = line.path.split('.').at(-1) ?? '';
  return DESCRIPTIVE.has(key) ? shortened(line.value) : descriptiveShortened(line.value);
}

/** The value in full, but for what descriptive keys hold inside it (a mount's Labels). */
function descriptiveShortened(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(descriptiveShortened);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      DESCRIPTIVE.has(key) ? shortened(inner) : descriptiveShortened(inner),
    ]),
  );
}

/** Long strings, lists and maps cut in the middle, with a count of what was left out. */
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
  if (typeof value === 'object' && value !== null) {
    // Shown with sorted keys (canonicalJson): cut in that order, the count sorting last.
    const entries = Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, inner]) => [key, shortened(inner)] as const);
    if (entries.length <= LONG_LIST) return Object.fromEntries(entries);
    const kept = LIST_HEAD + LIST_TAIL;
    return Object.fromEntries([
      ...entries.slice(0, kept),
      ['…', `[${entries.length - kept} more entries left out]`],
    ]);
  }
  return value;
}
