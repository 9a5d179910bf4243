/**
 * What an existing container reaches beyond itself, read from its inspect document: host
 * paths it mounts, the host's namespaces, privileged mode, devices, added capabilities,
 * loosened confinement. A new container that refers to it (VolumesFrom, "container:<name>"
 * namespaces, Links) gets the same reach, so it is held to the same flags; and container_start
 * re-checks the host paths, which can change on the host after creation.
 */
import { bindSource, isVolumeName } from '../../containers/host-paths.js';
import type { ContainerInspect } from '../../engine/index.js';
import type { GuardFacts } from './guard-facts.js';
import { checkHostPath, type GuardPolicy } from './host-path.js';
import { isEmpty } from './settings-rules.js';
import { keepsConfinement } from './settings-special.js';
import { BLKIO_DEVICE_FIELDS, DEFAULT_CAPABILITIES } from './settings-table.js';

/** The inspect fields read here (the engine sends them all; the shared type names fewer). */
interface Powers {
  Privileged?: boolean;
  PidMode?: string;
  IpcMode?: string;
  NetworkMode?: string;
  UTSMode?: string;
  UsernsMode?: string;
  CapAdd?: string[] | null;
  SecurityOpt?: string[] | null;
  Devices?: { PathOnHost?: string }[] | null;
  DeviceRequests?: unknown[] | null;
  DeviceCgroupRules?: string[] | null;
  MaskedPaths?: string[] | null;
  ReadonlyPaths?: string[] | null;
  Binds?: string[] | null;
  Mounts?:
    | {
        Type?: string;
        Source?: string;
        VolumeOptions?: { DriverConfig?: { Options?: Record<string, string> | null } | null };
      }[]
    | null;
}

export interface Power {
  what: string;
  unless: string;
}

export interface MountedPath {
  /** Where it is declared: "HostConfig.Binds[0]", "Mounts[1] (at /data)". */
  field: string;
  source: string;
}

/**
 * Every host path the container mounts when it starts: its binds (string and structured),
 * `local` volumes bound to a host path, and what the engine lists (binds from VolumesFrom).
 */
export function mountedHostPaths(raw: ContainerInspect): MountedPath[] {
  const host = raw.HostConfig as Powers;
  const found: MountedPath[] = [];
  (host.Binds ?? []).forEach((spec, index) => {
    const source = bindSource(spec);
    if (spec.includes(':') && !isVolumeName(source))
      found.push({ field: `HostConfig.Binds[${index}]`, source });
  });
  (host.Mounts ?? []).forEach((mount, index) => {
    const options = mount.VolumeOptions?.DriverConfig?.Options ?? {};
    const bound = mount.Type === 'bind' ? (mount.Source ?? '') : boundDevice(options);
    if (bound !== undefined) found.push({ field: `HostConfig.Mounts[${index}]`, source: bound });
  });
  (raw.Mounts ?? []).forEach((mount, index) => {
    if (mount.Type === 'bind' && !found.some((seen) => seen.source === mount.Source))
      found.push({
        field: `Mounts[${index}] (at ${mount.Destination})`,
        source: mount.Source ?? '',
      });
  });
  return found;
}

/** Every host device path the container names: its devices and its block I/O limits. */
export function devicePathsOf(raw: ContainerInspect): MountedPath[] {
  const host = raw.HostConfig as Powers & Record<string, unknown>;
  const found: MountedPath[] = [];
  (host.Devices ?? []).forEach((device, index) => {
    if (device.PathOnHost)
      found.push({ field: `HostConfig.Devices[${index}].PathOnHost`, source: device.PathOnHost });
  });
  for (const field of BLKIO_DEVICE_FIELDS) {
    const limits = host[field];
    if (!Array.isArray(limits)) continue;
    limits.forEach((limit: { Path?: unknown }, index) => {
      if (typeof limit.Path === 'string' && limit.Path !== '')
        found.push({ field: `HostConfig.${field}[${index}].Path`, source: limit.Path });
    });
  }
  return found;
}

/**
 * The host paths the container mounts, with the host path of each `local` volume bound to
 * one (asked of the engine: whoever made the volume, its device is mounted at every start).
 */
export async function hostPathsNowMounted(
  raw: ContainerInspect,
  facts: Pick<GuardFacts, 'volume'>,
): Promise<MountedPath[]> {
  const found = mountedHostPaths(raw);
  for (const [index, mount] of (raw.Mounts ?? []).entries()) {
    const { Name: name, Driver: driver } = mount as typeof mount & { Driver?: string };
    if (mount.Type !== 'volume' || !name || (driver !== undefined && driver !== 'local')) continue;
    const device = boundDevice((await facts.volume(name))?.Options);
    if (device !== undefined && !found.some((seen) => seen.source === device))
      found.push({
        field: `Mounts[${index}] (volume ${name} at ${mount.Destination})`,
        source: device,
      });
  }
  return found;
}

/**
 * The named volumes, of those given, that are `local` volumes bound to a host path (as they
 * exist now: a create that mounts one by name gets that host path at every start).
 */
export async function volumesBoundToHostPaths(
  names: readonly string[],
  facts: Pick<GuardFacts, 'volume'>,
): Promise<string[]> {
  const bound: string[] = [];
  for (const name of names) {
    const volume = await facts.volume(name);
    if (
      volume &&
      (volume.Driver ?? 'local') === 'local' &&
      boundDevice(volume.Options) !== undefined
    )
      bound.push(name);
  }
  return bound;
}

/** The host path a `local` volume's options bind ("o=bind,device=/x"); undefined when none. */
function boundDevice(options: Record<string, string> | null | undefined): string | undefined {
  return /(^|,)r?bind(,|$)/.test(options?.o ?? '') ? (options?.device ?? '') : undefined;
}

const PRIVILEGED = 'refused unless the server runs with --allow-privileged';
const NAMESPACES = {
  PidMode: 'PID',
  IpcMode: 'IPC',
  NetworkMode: 'network',
  UTSMode: 'UTS',
  UsernsMode: 'user',
} as const;
const BUILT_IN_NETWORKS = ['', 'default', 'bridge', 'none', 'host'];
/** Namespace chains are followed this far ("container:a" whose a uses "container:b"...). */
const MAX_DEPTH = 4;

/** What the container reaches that the policy would not allow a new container to ask for. */
export async function powersOf(
  raw: ContainerInspect,
  policy: GuardPolicy,
  facts: GuardFacts,
  seen: Set<string> = new Set(),
): Promise<Power[]> {
  seen.add(raw.Id);
  const host = raw.HostConfig as Powers;
  const powers: Power[] = [];
  const privileged = (what: string) => {
    if (!policy.allowPrivileged) powers.push({ what, unless: PRIVILEGED });
  };
  if (host.Privileged) privileged('runs privileged');
  for (const [field, label] of Object.entries(NAMESPACES)) {
    const mode = host[field as keyof typeof NAMESPACES] ?? '';
    if (mode === 'host') privileged(`shares the host's ${label} namespace`);
    else if (mode.startsWith('ns:')) privileged(`joins the ${label} namespace at ${mode.slice(3)}`);
    else if (mode.startsWith('container:'))
      powers.push(
        ...(await sharedFrom(mode.slice('container:'.length), label, policy, facts, seen)),
      );
    else if (field === 'NetworkMode' && !BUILT_IN_NETWORKS.includes(mode))
      if ((await facts.networkDriver(mode)) === 'host') privileged("is on the host's network");
  }
  const added = (host.CapAdd ?? []).filter(
    (cap) => !DEFAULT_CAPABILITIES.includes(cap.toUpperCase().replace(/^CAP_/, '')),
  );
  if (added.length > 0) privileged(`has added capabilities (${added.join(', ')})`);
  for (const field of ['Devices', 'DeviceRequests', 'DeviceCgroupRules'] as const)
    if (!isEmpty(host[field])) privileged(`has host devices (${field})`);
  const loose = (host.SecurityOpt ?? []).filter((option) => !keepsConfinement(option));
  if (loose.length > 0)
    privileged(`runs with security options ${loose.map((o) => `"${o}"`).join(', ')}`);
  for (const field of ['MaskedPaths', 'ReadonlyPaths'] as const)
    if (Array.isArray(host[field]) && host[field].length === 0)
      privileged(`has /proc and /sys unmasked (${field} [])`);
  for (const { source } of await hostPathsNowMounted(raw, facts)) {
    const verdict = checkHostPath(source, policy, facts.hostPaths);
    if (!verdict.ok) powers.push({ what: verdict.what, unless: verdict.unless });
  }
  return powers;
}

/**
 * The powers of the container whose namespace this one shares, looked up whatever the scope
 * (a namespace reaches as far as its first owner) but never named: it may be out of scope.
 */
async function sharedFrom(
  id: string,
  label: string,
  policy: GuardPolicy,
  facts: GuardFacts,
  seen: Set<string>,
): Promise<Power[]> {
  if (seen.size > MAX_DEPTH)
    return policy.allowPrivileged
      ? []
      : [
          {
            what: `shares a ${label} namespace through more than ${MAX_DEPTH} containers`,
            unless: PRIVILEGED,
          },
        ];
  const other = await facts.container(id, { anyScope: true });
  if (!other || seen.has(other.Id)) return [];
  const theirs = await powersOf(other, policy, facts, seen);
  return theirs.map((power) => ({
    ...power,
    what: `shares the ${label} namespace of another container, which ${power.what}`,
  }));
}
