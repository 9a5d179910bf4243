/**
 * --scope-label KEY=VALUE: only containers carrying that label exist for this server. The
 * pure half: parsing the flag, merging the label into filters and create bodies, naming the
 * containers a create body refers to, and the message a refusal reads as.
 */

export interface ScopeLabel {
  key: string;
  value: string;
}

/** "KEY=VALUE" -> the label, or a message saying what is wrong. */
export function parseScopeLabel(text: string): ScopeLabel | string {
  const at = text.indexOf('=');
  const key = at < 0 ? text : text.slice(0, at);
  if (at < 0 || key.trim() === '')
    return `--scope-label "${text}" is not KEY=VALUE, e.g. --scope-label agent=dev`;
  return { key, value: text.slice(at + 1) };
}

/** The engine's label filter form: "key=value". */
export const scopeFilter = (scope: ScopeLabel): string => `${scope.key}=${scope.value}`;

export function inScope(labels: Record<string, string> | null | undefined, scope: ScopeLabel) {
  return labels?.[scope.key] === scope.value;
}

/**
 * The answer for a container outside the scope, worded exactly as for one that does not
 * exist, so the scope cannot be used to learn which other containers are there.
 */
export function notInScopeMessage(id: string): string {
  return `No such container: ${id} (in this server's scope)`;
}

/** 'container "<64 hex>"', as the engine's name conflicts say it, and any other full id. */
const OTHER_CONTAINER = /container "([0-9a-f]{64})"|\b[0-9a-f]{64}\b/g;

/**
 * An engine message without the full ids of containers other than the call's own (`own`):
 * a name conflict names the container holding the name, which may be outside the scope.
 */
export function withoutOtherIds(message: string, own: string | undefined): string {
  return message.replace(OTHER_CONTAINER, (match, quoted: string | undefined) => {
    const id = quoted ?? match;
    if (id === own) return match;
    return quoted === undefined ? '(another container)' : 'another container';
  });
}

type Filters = Record<string, unknown>;

/** Filters with the scope label added to any `label` filter the caller gave (all must match). */
export function withScopeFilter<F extends Filters>(filters: F | undefined, scope: ScopeLabel): F {
  const given = filters?.label;
  const labels: unknown[] = given === undefined ? [] : Array.isArray(given) ? given : [given];
  return { ...filters, label: [...labels, scopeFilter(scope)] } as unknown as F;
}

export interface LabelledBody {
  Labels?: Record<string, string> | undefined;
  [field: string]: unknown;
}

/** A create body carrying the scope label, or the reason it is refused. */
export function scopeCreateBody<B extends LabelledBody>(
  body: B,
  scope: ScopeLabel,
): { body: B } | { refusal: string } {
  const given = body.Labels?.[scope.key];
  if (given !== undefined && given !== scope.value)
    return {
      refusal: `body.Labels["${scope.key}"] is "${given}", but this server only creates containers with ${scopeFilter(scope)} (--scope-label): leave the label out or set it to "${scope.value}"`,
    };
  return { body: { ...body, Labels: { ...body.Labels, [scope.key]: scope.value } } };
}

export interface ReferringBody {
  HostConfig?:
    | {
        NetworkMode?: string | undefined;
        PidMode?: string | undefined;
        IpcMode?: string | undefined;
        VolumesFrom?: string[] | undefined;
        Links?: string[] | undefined;
      }
    | undefined;
}

/**
 * Other containers a create body names (namespace sharing, VolumesFrom, Links), with the
 * field that names each: under a scope, each must be in scope too.
 */
export function containerReferences(body: ReferringBody): { field: string; id: string }[] {
  const host = body.HostConfig;
  if (!host) return [];
  const found: { field: string; id: string }[] = [];
  for (const field of ['NetworkMode', 'PidMode', 'IpcMode'] as const) {
    const mode = host[field];
    if (mode?.startsWith('container:'))
      found.push({ field: `HostConfig.${field}`, id: mode.slice('container:'.length) });
  }
  for (const entry of host.VolumesFrom ?? [])
    found.push({ field: 'HostConfig.VolumesFrom', id: entry.split(':')[0] ?? entry });
  for (const entry of host.Links ?? [])
    found.push({
      field: 'HostConfig.Links',
      id: (entry.split(':')[0] ?? entry).replace(/^\//, ''),
    });
  return found;
}
