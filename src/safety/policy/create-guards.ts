/**
 * What container_create and container_update may ask of the host. Privileged mode, the
 * host's namespaces, added capabilities, devices and confinement switched off all reach past
 * the container: refused unless --allow-privileged. Host paths (bind mounts, and "local"
 * volumes that are really binds) are refused unless under an --allow-bind root. Sharing a
 * namespace with another container ("container:<id>") stays allowed: it reaches that
 * container, not the host (and under --scope-label that container must be in scope).
 */
import type { PolicyConfig } from '../../config.js';
import {
  bindSource,
  isVolumeName,
  isWithin,
  normalizeHostPath,
} from '../../containers/host-paths.js';

export type GuardPolicy = Pick<PolicyConfig, 'allowPrivileged' | 'allowBinds'>;
/** Maps a normalized host path to the path the engine will really mount (symlinks resolved). */
export type ResolveHostPath = (path: string) => string;

interface Mount {
  Type?: string;
  Source?: string | undefined;
  VolumeOptions?: { DriverConfig?: { Options?: Record<string, string> | undefined } | undefined };
}

export interface GuardedHostConfig {
  Privileged?: boolean | undefined;
  PidMode?: string | undefined;
  IpcMode?: string | undefined;
  UTSMode?: string | undefined;
  NetworkMode?: string | undefined;
  UsernsMode?: string | undefined;
  CgroupnsMode?: string | undefined;
  CapAdd?: string[] | undefined;
  SecurityOpt?: string[] | undefined;
  Devices?: unknown[] | undefined;
  DeviceRequests?: unknown[] | undefined;
  DeviceCgroupRules?: string[] | undefined;
  Binds?: string[] | undefined;
  Mounts?: Mount[] | undefined;
}

const PRIVILEGED = '--allow-privileged';
const NAMESPACES = ['PidMode', 'IpcMode', 'UTSMode', 'NetworkMode', 'UsernsMode', 'CgroupnsMode'];
const DEVICE_FIELDS = ['Devices', 'DeviceRequests', 'DeviceCgroupRules'] as const;
const UNCONFINED = /^(seccomp|apparmor)[=:]unconfined$|^label[=:]disable$|^systempaths=unconfined$/;

/** Why body.HostConfig reaches past the container, one line per field; empty when it does not. */
export function createGuardProblems(
  host: GuardedHostConfig | undefined,
  policy: GuardPolicy,
  resolve: ResolveHostPath = (path) => path,
  at = 'body.HostConfig',
): string[] {
  if (!host) return [];
  const problems = policy.allowPrivileged ? [] : privilegeProblems(host, at);
  return [...problems, ...hostPathProblems(host, policy, resolve, at)];
}

/** container_update's fields: devices are the only ones that reach the host. */
export function updateGuardProblems(update: GuardedHostConfig, policy: GuardPolicy): string[] {
  return policy.allowPrivileged ? [] : deviceProblems(update, 'update');
}

function privilegeProblems(host: GuardedHostConfig, at: string): string[] {
  const problems: string[] = [];
  if (host.Privileged === true)
    problems.push(
      `${at}.Privileged: privileged mode gives the container every device and capability of the host; refused unless the server runs with ${PRIVILEGED}`,
    );
  for (const field of NAMESPACES) {
    if (host[field as keyof GuardedHostConfig] === 'host')
      problems.push(
        `${at}.${field}: "host" shares the host's own namespace; refused unless the server runs with ${PRIVILEGED} (leave it out, or share with another container: "container:<name>")`,
      );
  }
  if (host.CapAdd && host.CapAdd.length > 0)
    problems.push(
      `${at}.CapAdd: adding capabilities (${host.CapAdd.join(', ')}) is refused unless the server runs with ${PRIVILEGED}`,
    );
  for (const option of host.SecurityOpt ?? []) {
    if (UNCONFINED.test(option))
      problems.push(
        `${at}.SecurityOpt: "${option}" switches confinement off; refused unless the server runs with ${PRIVILEGED}`,
      );
  }
  return [...problems, ...deviceProblems(host, at)];
}

function deviceProblems(host: GuardedHostConfig, at: string): string[] {
  return DEVICE_FIELDS.filter((field) => (host[field]?.length ?? 0) > 0).map(
    (field) => `${at}.${field}: host devices are refused unless the server runs with ${PRIVILEGED}`,
  );
}

function hostPathProblems(
  host: GuardedHostConfig,
  policy: GuardPolicy,
  resolve: ResolveHostPath,
  at: string,
): string[] {
  const sources: { field: string; source: string }[] = [];
  (host.Binds ?? []).forEach((bind, index) => {
    const source = bindSource(bind);
    // Only a volume's name is not a host path: any other source (POSIX or Windows) is one.
    if (!isVolumeName(source)) sources.push({ field: `${at}.Binds[${index}]`, source });
  });
  (host.Mounts ?? []).forEach((mount, index) => {
    const source = hostSourceOf(mount);
    if (source !== undefined) sources.push({ field: `${at}.Mounts[${index}]`, source });
  });
  return sources.flatMap(({ field, source }) => {
    const real = resolve(normalizeHostPath(source));
    if (policy.allowBinds.some((root) => isWithin(real, root))) return [];
    const roots = policy.allowBinds.length > 0 ? policy.allowBinds.join(', ') : 'none';
    return [
      `${field}: mounts the host path ${real}${real === source ? '' : ` (from "${source}")`}, which is outside the host roots this server may mount (${roots}); start the server with --allow-bind ${real} (or a parent directory) to allow it, or use a named volume`,
    ];
  });
}

/** The host path a mount exposes: a bind's Source, or a "local" volume bound to a device. */
function hostSourceOf(mount: Mount): string | undefined {
  if (mount.Type === 'bind') return mount.Source ?? '';
  const options = mount.VolumeOptions?.DriverConfig?.Options;
  if (mount.Type === 'volume' && options?.device && /(^|,)r?bind(,|$)/.test(options.o ?? ''))
    return options.device;
  return undefined;
}
