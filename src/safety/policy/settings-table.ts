/**
 * Every field of the v1.45 ContainerCreateRequest and of the container update body, each
 * classified: safe as given, safe for some values (which), or reaching the host (and the
 * flag that allows it). The guards read this table and nothing else; a field that is not
 * here is refused unless --allow-privileged, so a field the API adds later stays refused
 * until it is classified. test/unit/settings-table.test.ts holds it against the spec, and
 * the README's Policy section is rendered from it (scripts/policy-table.ts).
 */
import { ENGINE_SET_ENDPOINT_FIELDS } from '../../containers/endpoint-fields.js';
import type { Flag, Rule, SettingsTable, SpecialCheck, ValueTest } from './settings-rules.js';

const PRIVILEGED: Flag = '--allow-privileged';

type Entry = readonly [string, Rule];

/** `field` inside `at` ("" for the top level of the body). */
const under = (at: string, field: string): string => (at === '' ? field : `${at}.${field}`);
const many = (rule: Rule, at: string, fields: readonly string[]): Entry[] =>
  fields.map((field) => [under(at, field), rule]);
const safe = (at: string, fields: readonly string[]) => many({ kind: 'safe' }, at, fields);
const parts = (at: string, fields: readonly string[]) => many({ kind: 'part' }, at, fields);
const fields = (path: string): Entry => [path, { kind: 'fields' }];
const values = (path: string, test: ValueTest, safe: string, reaches: string): Entry => [
  path,
  { kind: 'values', test, safe, reaches, flag: PRIVILEGED },
];
const special = (
  path: string,
  check: SpecialCheck,
  safe: string,
  reaches: string,
  flag: Flag = PRIVILEGED,
  allowed?: readonly string[],
): Entry => [path, { kind: 'special', check, safe, reaches, flag, ...(allowed && { allowed }) }];
/** A namespace setting: these values, or another container's namespace ("container:<name>"). */
const namespace = (path: string, allowed: readonly string[], reaches: string): Entry =>
  special(
    path,
    path.endsWith('NetworkMode') ? 'network-mode' : 'namespace-mode',
    `${allowed.map((value) => `"${value}"`).join(', ')}${path.endsWith('NetworkMode') ? ', a network of this engine whose driver is not "host"' : ''}, or "container:<name>" when that container reaches no further`,
    reaches,
    PRIVILEGED,
    allowed,
  );
const none = (path: string, reaches: string): Entry =>
  values(path, { empty: true }, 'left out or empty', reaches);
/**
 * A host device's path, in a field whose parent needs --allow-privileged: even then, never one
 * that means something else for the engine's process than for this server's (/dev/fd/3).
 */
const devicePath = (path: string): Entry =>
  special(
    path,
    'device-path',
    'nothing without the flag; with it, any path outside /proc, /sys, /dev/fd, /dev/stdin, /dev/stdout, /dev/stderr',
    'names a host device by its path, which the engine resolves in its own process',
  );

/** Resource limits that name a host device by its path. */
export const BLKIO_DEVICE_FIELDS = [
  'BlkioWeightDevice',
  'BlkioDeviceReadBps',
  'BlkioDeviceWriteBps',
  'BlkioDeviceReadIOps',
  'BlkioDeviceWriteIOps',
] as const;

/** Capabilities every container gets from the engine: adding one again changes nothing. */
export const DEFAULT_CAPABILITIES = [
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'NET_RAW',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
];

/** Log drivers that write on the engine's own disk or journal, never over a network. */
const LOCAL_LOG_DRIVERS = ['json-file', 'local', 'journald', 'none'];
const LOG_OPTIONS = [
  'max-size',
  'max-file',
  'compress',
  'labels',
  'labels-regex',
  'env',
  'env-regex',
  'tag',
  'mode',
];
/** Resource limits a container may set for itself; rtprio, rttime, nice and core reach the host. */
const ULIMITS = [
  'nofile',
  'nproc',
  'stack',
  'cpu',
  'fsize',
  'data',
  'as',
  'locks',
  'sigpending',
  'msgqueue',
  'memlock',
];
/** The kernel parameters that belong to the container's own namespaces (the engine's list). */
const NAMESPACED_SYSCTL =
  /^(kernel\.(msgmax|msgmnb|msgmni|sem|shmall|shmmax|shmmni|shm_rmid_forced)|fs\.mqueue\.[a-z_]+|net\.[a-z0-9_.-]+)$/;

/** The Resources object: HostConfig's limits at create, the update body at update. */
function resources(at: string): Entry[] {
  return [
    ...safe(at, [
      'CpuShares',
      'Memory',
      'MemoryReservation',
      'MemorySwap',
      'MemorySwappiness',
      'NanoCpus',
      'CpuPeriod',
      'CpuQuota',
      'CpusetCpus',
      'CpusetMems',
      'BlkioWeight',
      'PidsLimit',
      'KernelMemoryTCP',
      'Init',
      'CpuCount',
      'CpuPercent',
      'IOMaximumIOps',
      'IOMaximumBandwidth',
    ]),
    // Each names a device by its path on the engine's host, which the engine stats there (so
    // answers tell which host paths exist): like Devices, it needs --allow-privileged.
    ...BLKIO_DEVICE_FIELDS.map((field) =>
      none(under(at, field), "names a device by its path on the engine's host"),
    ),
    ...BLKIO_DEVICE_FIELDS.map((field) => devicePath(under(at, `${field}[].Path`))),
    ...parts(at, [
      'BlkioWeightDevice[].Weight',
      ...BLKIO_DEVICE_FIELDS.slice(1).map((field) => `${field}[].Rate`),
    ]),
    values(
      under(at, 'CpuRealtimePeriod'),
      { oneOf: [0] },
      '0',
      'gives the container real-time CPU time, which can starve the host',
    ),
    values(
      under(at, 'CpuRealtimeRuntime'),
      { oneOf: [0] },
      '0',
      'gives the container real-time CPU time, which can starve the host',
    ),
    none(
      under(at, 'CgroupParent'),
      "places the container's cgroup anywhere in the host's hierarchy",
    ),
    none(under(at, 'Devices'), "gives the container the host's devices"),
    devicePath(under(at, 'Devices[].PathOnHost')),
    ...parts(at, ['Devices[].PathInContainer', 'Devices[].CgroupPermissions']),
    none(under(at, 'DeviceCgroupRules'), "lets the container use the host's devices"),
    none(under(at, 'DeviceRequests'), "gives the container the host's devices (GPUs, ...)"),
    ...parts(at, [
      'DeviceRequests[].Driver',
      'DeviceRequests[].Count',
      'DeviceRequests[].DeviceIDs',
      'DeviceRequests[].Capabilities',
      'DeviceRequests[].Options',
    ]),
    values(
      under(at, 'OomKillDisable'),
      { oneOf: [false] },
      'false',
      "keeps the kernel from ending the container's processes when the host runs out of memory",
    ),
    values(
      under(at, 'Ulimits[].Name'),
      { oneOf: ULIMITS },
      ULIMITS.join(', '),
      'raises a limit that reaches past the container (real-time priority, niceness, core dumps run by the host)',
    ),
    fields(under(at, 'Ulimits')),
    ...parts(at, ['Ulimits[].Soft', 'Ulimits[].Hard']),
  ];
}

const restartPolicy = (at: string): Entry[] => [
  fields(under(at, 'RestartPolicy')),
  special(
    under(at, 'RestartPolicy.Name'),
    'restart-policy',
    '"no" or ""; "always", "unless-stopped" and "on-failure" when the container mounts no host path',
    'lets the engine start the container again on its own, mounting host paths without the server re-checking them',
  ),
  ...parts(under(at, 'RestartPolicy'), ['MaximumRetryCount']),
];

const CONTAINER_CONFIG: Entry[] = [
  ...safe('', [
    'Hostname',
    'Domainname',
    'User',
    'AttachStdin',
    'AttachStdout',
    'AttachStderr',
    'ExposedPorts',
    'Tty',
    'OpenStdin',
    'StdinOnce',
    'Env',
    'Cmd',
    'ArgsEscaped',
    'Image',
    'Volumes',
    'WorkingDir',
    'Entrypoint',
    'NetworkDisabled',
    'MacAddress',
    'OnBuild',
    'Labels',
    'StopSignal',
    'StopTimeout',
    'Shell',
  ]),
  fields('Healthcheck'),
  ...safe('Healthcheck', [
    'Test',
    'Interval',
    'Timeout',
    'Retries',
    'StartPeriod',
    'StartInterval',
  ]),
];

const HOST_CONFIG: Entry[] = [
  fields('HostConfig'),
  ...resources('HostConfig'),
  ...safe('HostConfig', [
    'PortBindings',
    'AutoRemove',
    'ConsoleSize',
    'CapDrop',
    'Dns',
    'DnsOptions',
    'DnsSearch',
    'ExtraHosts',
    'GroupAdd',
    'PublishAllPorts',
    'ReadonlyRootfs',
    'Tmpfs',
    'ShmSize',
  ]),
  ...parts('HostConfig', ['PortBindings.*[].HostIp', 'PortBindings.*[].HostPort']),
  special(
    'HostConfig.Binds',
    'bind-spec',
    'volume names; host paths under an --allow-bind root, without shared propagation',
    'mounts a host path into the container',
    '--allow-bind',
  ),
  none('HostConfig.ContainerIDFile', 'names a file on the host to write'),
  fields('HostConfig.LogConfig'),
  values(
    'HostConfig.LogConfig.Type',
    { oneOf: LOCAL_LOG_DRIVERS },
    LOCAL_LOG_DRIVERS.join(', '),
    "sends the logs from the engine's host (over its network, whatever the container's)",
  ),
  values(
    'HostConfig.LogConfig.Config',
    { keys: { oneOf: LOG_OPTIONS } },
    `options ${LOG_OPTIONS.join(', ')}`,
    "configures the log driver on the engine's host",
  ),
  namespace(
    'HostConfig.NetworkMode',
    ['bridge', 'none', 'default'],
    "puts the container in the host's network namespace",
  ),
  ...restartPolicy('HostConfig'),
  values(
    'HostConfig.VolumeDriver',
    { oneOf: ['local'] },
    '"local"',
    'hands the volumes to a plugin, which mounts what its options say',
  ),
  special(
    'HostConfig.VolumesFrom',
    'container-reference',
    'containers that reach no further than this one may',
    'brings in the mounts of another container',
  ),
  fields('HostConfig.Mounts'),
  values(
    'HostConfig.Mounts[].Type',
    { oneOf: ['bind', 'volume', 'tmpfs'] },
    'bind (its Source held to --allow-bind), volume, tmpfs',
    "mounts the host's named pipes or cluster volumes",
  ),
  special(
    'HostConfig.Mounts[].Source',
    'mount-source',
    'volume names; for a bind, a host path under an --allow-bind root',
    'mounts a host path into the container',
    '--allow-bind',
  ),
  ...safe('HostConfig.Mounts[]', ['Target', 'ReadOnly', 'Consistency']),
  fields('HostConfig.Mounts[].BindOptions'),
  values(
    'HostConfig.Mounts[].BindOptions.Propagation',
    { oneOf: ['private', 'rprivate', 'slave', 'rslave'] },
    'private, rprivate, slave, rslave',
    "shares mounts made in the container with the host's mount table",
  ),
  ...safe('HostConfig.Mounts[].BindOptions', [
    'NonRecursive',
    'CreateMountpoint',
    'ReadOnlyNonRecursive',
    'ReadOnlyForceRecursive',
  ]),
  fields('HostConfig.Mounts[].VolumeOptions'),
  ...safe('HostConfig.Mounts[].VolumeOptions', ['NoCopy', 'Labels', 'Subpath']),
  fields('HostConfig.Mounts[].VolumeOptions.DriverConfig'),
  values(
    'HostConfig.Mounts[].VolumeOptions.DriverConfig.Name',
    { oneOf: ['local'] },
    '"local"',
    'hands the volume to a plugin, which mounts what its options say',
  ),
  special(
    'HostConfig.Mounts[].VolumeOptions.DriverConfig.Options',
    'local-volume-options',
    'none; type "tmpfs"; a bind (o=bind) of a host path under an --allow-bind root',
    'mounts a filesystem or device of the engine\'s host ("type", "device", "o")',
  ),
  fields('HostConfig.Mounts[].TmpfsOptions'),
  ...safe('HostConfig.Mounts[].TmpfsOptions', ['SizeBytes', 'Mode']),
  none('HostConfig.Annotations', 'passes instructions to the OCI runtime on the host'),
  special(
    'HostConfig.CapAdd',
    'capabilities',
    `capabilities every container has anyway (${DEFAULT_CAPABILITIES.join(', ')})`,
    'gives the container kernel powers over the host',
  ),
  values(
    'HostConfig.CgroupnsMode',
    { oneOf: ['private'] },
    '"private"',
    "shares the host's cgroup namespace",
  ),
  namespace(
    'HostConfig.IpcMode',
    ['none', 'private', 'shareable'],
    "shares the host's IPC namespace",
  ),
  none('HostConfig.Cgroup', 'puts the container in another cgroup'),
  special(
    'HostConfig.Links',
    'container-reference',
    'containers that reach no further than this one may',
    'links to another container',
  ),
  values(
    'HostConfig.OomScoreAdj',
    { range: [0, 1000] },
    '0 to 1000',
    "makes the host's OOM killer end host processes before this container's",
  ),
  namespace('HostConfig.PidMode', ['private'], "shares the host's PID namespace"),
  values(
    'HostConfig.Privileged',
    { oneOf: [false] },
    'false',
    'gives the container every device and capability of the host',
  ),
  special(
    'HostConfig.SecurityOpt',
    'security-options',
    'no-new-privileges, apparmor=docker-default (the default profile; another may be unconfined), label=level:<level> (not a range), label=type:container_t (or container_init_t)',
    'switches confinement (seccomp, AppArmor, SELinux, no-new-privileges) off or loosens it',
  ),
  values(
    'HostConfig.StorageOpt',
    { keys: { oneOf: ['size'] } },
    'size',
    "passes options to the engine's storage driver",
  ),
  values('HostConfig.UTSMode', { oneOf: ['private'] }, '"private"', "shares the host's hostname"),
  none(
    'HostConfig.UsernsMode',
    'changes the user namespace ("host" turns the engine\'s remapping off)',
  ),
  values(
    'HostConfig.Sysctls',
    { keys: { pattern: NAMESPACED_SYSCTL } },
    "kernel parameters of the container's own namespaces (net.*, kernel.shm*, kernel.msg*, kernel.sem, fs.mqueue.*)",
    'sets kernel parameters',
  ),
  special(
    'HostConfig.Runtime',
    'runtime',
    "the engine's default runtime",
    'runs the container with another OCI runtime on the host',
  ),
  values(
    'HostConfig.Isolation',
    { oneOf: ['default', 'hyperv'] },
    '"default", "hyperv"',
    "shares the Windows host's kernel",
  ),
  [
    'HostConfig.MaskedPaths',
    {
      kind: 'host',
      flag: PRIVILEGED,
      reaches:
        "replaces the engine's list of hidden /proc and /sys paths (even [] unmasks them all)",
    },
  ],
  [
    'HostConfig.ReadonlyPaths',
    {
      kind: 'host',
      flag: PRIVILEGED,
      reaches:
        "replaces the engine's list of read-only /proc paths (even [] makes /proc/sys writable)",
    },
  ],
];

const NETWORKING_CONFIG: Entry[] = [
  fields('NetworkingConfig'),
  special(
    'NetworkingConfig.EndpointsConfig',
    'network-names',
    'networks of this engine whose driver is not "host"',
    "connects the container to the host's network",
  ),
  fields('NetworkingConfig.EndpointsConfig.*.IPAMConfig'),
  ...safe('NetworkingConfig.EndpointsConfig.*.IPAMConfig', [
    'IPv4Address',
    'IPv6Address',
    'LinkLocalIPs',
  ]),
  special(
    'NetworkingConfig.EndpointsConfig.*.Links',
    'container-reference',
    'containers that reach no further than this one may',
    'links to another container',
  ),
  ...safe('NetworkingConfig.EndpointsConfig.*', ['MacAddress', 'Aliases']),
  none(
    'NetworkingConfig.EndpointsConfig.*.DriverOpts',
    "passes options to the network driver on the engine's host",
  ),
  // Set by the engine when the container joins; the schema refuses them with a hint.
  ...safe('NetworkingConfig.EndpointsConfig.*', ENGINE_SET_ENDPOINT_FIELDS),
];

/** container_create's body. */
export const CREATE_SETTINGS: SettingsTable = new Map([
  ...CONTAINER_CONFIG,
  ...HOST_CONFIG,
  ...NETWORKING_CONFIG,
]);

/** container_update's body: the Resources object and the restart policy. */
export const UPDATE_SETTINGS: SettingsTable = new Map([...resources(''), ...restartPolicy('')]);
