/**
 * The vocabulary of the settings table (./settings-table.ts): how one field of a create or
 * update body is classified, and the small language its safe values are written in. Data
 * only, plus `passes`, which reads a value test.
 */

/** The flags that unlock what the table refuses. */
export type Flag = '--allow-privileged' | '--allow-bind';

/** A check that needs more than the value: sibling fields, the engine, or the host. */
export type SpecialCheck =
  /** `HostConfig.Binds[]`: "source:target[:options]"; any source but a volume name is a host path. */
  | 'bind-spec'
  /** `Mounts[].Source`: a host path when the mount's Type is "bind", else a volume name. */
  | 'mount-source'
  /** `Mounts[].VolumeOptions.DriverConfig.Options`: what a `local` volume mounts. */
  | 'local-volume-options'
  /** `NetworkMode`: a built-in mode, another container's namespace, or a network by name. */
  | 'network-mode'
  /** `PidMode`, `IpcMode`: private, or another container's namespace. */
  | 'namespace-mode'
  /** `VolumesFrom[]`, `Links[]`: another container, which brings what it has. */
  | 'container-reference'
  /** `NetworkingConfig.EndpointsConfig`: the networks it names, by name or id. */
  | 'network-names'
  /** `SecurityOpt[]`: only options that keep or add confinement. */
  | 'security-options'
  /** `CapAdd[]`: only capabilities the engine gives every container anyway. */
  | 'capabilities'
  /** `Runtime`: the engine's default runtime only. */
  | 'runtime'
  /** `RestartPolicy.Name`: restarts happen without the server's re-check of host paths. */
  | 'restart-policy'
  /** `Devices[].PathOnHost`, `Blkio*[].Path`: a host device, never by a process-relative path. */
  | 'device-path';

/** Safe values, written as data. */
export type ValueTest =
  /** One of these exact values. */
  | { oneOf: readonly (string | number | boolean)[] }
  /** A number in [min, max]. */
  | { range: readonly [number, number] }
  /** Absent or empty: null, "", [] or {}. */
  | { empty: true }
  /** A string matching the pattern. */
  | { pattern: RegExp }
  /** Every key of a map passes. */
  | { keys: ValueTest };

export type Rule =
  /** Safe whatever the value: it stays inside the container (or only limits it). */
  | { kind: 'safe' }
  /** An object (or a list of objects) whose own fields are classified one by one. */
  | { kind: 'fields' }
  /** A part of a setting that its parent's rule already decides (a device's path). */
  | { kind: 'part' }
  /** Safe for the values `safe` describes (and `test` checks); any other needs `flag`. */
  | { kind: 'values'; test: ValueTest; safe: string; reaches: string; flag: Flag }
  /** Reaches the host whatever the value, even an empty one: needs `flag`. */
  | { kind: 'host'; reaches: string; flag: Flag }
  /**
   * Safe for the values `safe` describes, checked by `check` (which may ask the engine or the
   * host); others need `flag`. `allowed`: plain values that are safe as they are.
   */
  | {
      kind: 'special';
      check: SpecialCheck;
      safe: string;
      reaches: string;
      flag: Flag;
      allowed?: readonly string[];
    };

/** A table: a rule per field path ("." between fields, "[]" for array items, "*" for map values). */
export type SettingsTable = ReadonlyMap<string, Rule>;

export function passes(test: ValueTest, value: unknown): boolean {
  if ('oneOf' in test)
    return test.oneOf.includes(value as string | number | boolean) || isEmpty(value);
  if ('range' in test)
    return typeof value === 'number' && value >= test.range[0] && value <= test.range[1];
  if ('empty' in test) return isEmpty(value);
  if ('pattern' in test) return typeof value === 'string' && test.pattern.test(value);
  if (value === null || value === undefined) return true;
  return (
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).every((key) => passes(test.keys, key))
  );
}

export function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}
