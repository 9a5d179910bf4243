/**
 * container_create inputs newer than API 1.41, with the version each needs. An older engine
 * ignores them silently (it does not know them), so they are refused before the call.
 * Source: the v1.41 and v1.45 specs compared field by field, and the Engine API version
 * history for fields whose meaning changed without a schema change (ConsoleSize, MacAddress,
 * several networks).
 */
import { apiVersionAtLeast } from '../../engine/index.js';

export interface VersionedField {
  /** Path in the tool input: "." between fields, "[]" for every array item, "*" for every map value. */
  path: string;
  since: string;
  /** What an older engine does instead, or what to do. */
  instead: string;
}

export const NEWER_FIELDS: readonly VersionedField[] = [
  {
    path: 'body.HostConfig.ConsoleSize',
    since: '1.42',
    instead: 'older engines ignore it on Linux; resize the TTY after start instead',
  },
  {
    path: 'body.HostConfig.Mounts[].BindOptions.CreateMountpoint',
    since: '1.42',
    instead: 'create the host directory first',
  },
  {
    path: 'body.HostConfig.Annotations',
    since: '1.43',
    instead: 'use Labels for metadata',
  },
  {
    path: 'body.Healthcheck.StartInterval',
    since: '1.44',
    instead: 'checks run every Interval during the start period too',
  },
  {
    path: 'body.HostConfig.Mounts[].BindOptions.ReadOnlyNonRecursive',
    since: '1.44',
    instead: 'older engines make every read-only bind mount non-recursive already',
  },
  {
    path: 'body.HostConfig.Mounts[].BindOptions.ReadOnlyForceRecursive',
    since: '1.44',
    instead: 'older engines cannot make read-only bind mounts recursive',
  },
  {
    path: 'body.NetworkingConfig.EndpointsConfig.*.MacAddress',
    since: '1.44',
    instead: 'set body.MacAddress instead',
  },
  {
    path: 'body.HostConfig.Mounts[].VolumeOptions.Subpath',
    since: '1.45',
    instead: 'mount the whole volume',
  },
  {
    path: 'platform',
    since: '1.41',
    instead: 'leave it out: the host platform is used',
  },
];

/** Several networks at creation: older engines refuse or ignore all but one. */
const MULTIPLE_NETWORKS_SINCE = '1.44';

/** One line per input the engine at `version` would ignore; empty when all is well. */
export function tooNewFor(version: string, input: unknown): string[] {
  const problems = NEWER_FIELDS.filter((field) => !apiVersionAtLeast(version, field.since)).flatMap(
    (field) =>
      usesOf(input, field.path.split('.'), []).map(
        (where) =>
          `${where} needs Engine API ${field.since} or later; this engine speaks ${version} and would ignore it (${field.instead}). Remove it.`,
      ),
  );
  const networks = Object.keys(endpointsOf(input));
  if (networks.length > 1 && !apiVersionAtLeast(version, MULTIPLE_NETWORKS_SINCE)) {
    problems.push(
      `body.NetworkingConfig.EndpointsConfig names ${networks.length} networks; engines before API ${MULTIPLE_NETWORKS_SINCE} connect only one at creation and this one speaks ${version}. Keep one and connect the others after creation.`,
    );
  }
  return problems;
}

/** The paths at which `segments` has a value in `value` ("body.HostConfig.Mounts[1]…"). */
function usesOf(value: unknown, segments: readonly string[], at: readonly string[]): string[] {
  const [head, ...rest] = segments;
  if (head === undefined) return value === undefined ? [] : [at.join('.')];
  if (!isRecord(value)) return [];
  if (head === '*') {
    return Object.entries(value).flatMap(([key, child]) => usesOf(child, rest, [...at, key]));
  }
  const key = head.replace(/\[\]$/, '');
  const child = value[key];
  if (!head.endsWith('[]')) return usesOf(child, rest, [...at, key]);
  if (!Array.isArray(child)) return [];
  return child.flatMap((item, index) => usesOf(item, rest, [...at, `${key}[${index}]`]));
}

function endpointsOf(input: unknown): Record<string, unknown> {
  if (!isRecord(input) || !isRecord(input.body)) return {};
  const networking = input.body.NetworkingConfig;
  if (!isRecord(networking) || !isRecord(networking.EndpointsConfig)) return {};
  return networking.EndpointsConfig;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
