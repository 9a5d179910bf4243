/** `HostConfig` (v1.45): how the container sits on this host, plus its `Resources`. */
import { z } from 'zod';
import { NAME_CHARS, PATH_CHARS, VALUE_CHARS } from '../../containers/inputs.js';
import { advertiseBriefly } from '../../mcp/brief.js';
import { refuseKeys } from '../../mcp/validation.js';
import { mount, portBindings } from './mounts.js';
import { resourceFields } from './resources.js';

const strings = (description: string) =>
  z.array(z.string().max(VALUE_CHARS)).optional().describe(description);
const stringMap = (description: string) =>
  z.record(z.string(), z.string().max(VALUE_CHARS)).optional().describe(description);

export const restartPolicy = z
  .strictObject({
    Name: z
      .enum(['', 'no', 'always', 'unless-stopped', 'on-failure'])
      .describe('"no" (or ""), "always", "unless-stopped" or "on-failure" (after a non-zero exit)'),
    MaximumRetryCount: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('With "on-failure": give up after this many restarts (0: never give up)'),
  })
  .describe('What the engine does when the container exits (default: nothing)');

const hostFields = {
  Binds: strings('Mounts as "source:/container/path[:ro]": source a host path or a volume name'),
  ContainerIDFile: z
    .string()
    .max(PATH_CHARS)
    .optional()
    .describe('Host file to write the container id to'),
  LogConfig: z
    .strictObject({
      Type: z
        .string()
        .min(1)
        .max(NAME_CHARS)
        .optional()
        .describe(
          'Log driver: json-file, local, journald, syslog, none, ...; container_logs needs json-file, local or journald',
        ),
      Config: stringMap('Driver options, e.g. {"max-size": "10m", "max-file": "3"}'),
    })
    .optional()
    .describe("Logging driver for this container (default: the engine's)"),
  NetworkMode: z
    .string()
    .max(NAME_CHARS)
    .optional()
    .describe('"bridge" (default), "host", "none", "container:<name|id>", or a network name'),
  PortBindings: portBindings.optional(),
  RestartPolicy: restartPolicy.optional(),
  AutoRemove: z
    .boolean()
    .optional()
    .describe('Remove the container when it exits (docker run --rm)'),
  VolumeDriver: z
    .string()
    .max(NAME_CHARS)
    .optional()
    .describe('Driver for the volumes this container creates'),
  VolumesFrom: strings('Mount the volumes of other containers: "name[:ro|rw]"'),
  Mounts: z.array(mount).optional().describe('Mounts, structured'),
  // Two numbers, not a tuple: a tuple's JSON Schema (prefixItems, items: false) rejects
  // every value under draft-07, which some clients validate with.
  ConsoleSize: z
    .array(z.number().int().min(0))
    .length(2, 'must be [height, width]: two numbers')
    .nullable()
    .optional()
    .describe('Initial TTY size as [height, width] (honoured on Linux from API 1.42)'),
  Annotations: stringMap('Metadata passed to the OCI runtime (API 1.43+)'),
  CapAdd: strings('Kernel capabilities to add, e.g. ["NET_ADMIN"]'),
  CapDrop: strings('Kernel capabilities to drop, e.g. ["ALL"]'),
  CgroupnsMode: z.enum(['private', 'host']).optional().describe('cgroup namespace'),
  Dns: strings('DNS servers'),
  DnsOptions: strings('DNS resolver options'),
  DnsSearch: strings('DNS search domains'),
  ExtraHosts: strings('Extra /etc/hosts lines as "hostname:IP"'),
  GroupAdd: strings('Extra groups for the process'),
  IpcMode: z
    .string()
    .max(NAME_CHARS)
    .optional()
    .describe('"none", "private", "shareable", "container:<name|id>" or "host"'),
  Cgroup: z.string().max(NAME_CHARS).optional().describe('cgroup to use'),
  Links: strings('Legacy links "name:alias" (default bridge network only)'),
  OomScoreAdj: z
    .number()
    .int()
    .min(-1000)
    .max(1000)
    .optional()
    .describe('OOM killer preference, -1000 to 1000'),
  PidMode: z
    .string()
    .max(NAME_CHARS)
    .optional()
    .describe('"host" or "container:<name|id>" to share a PID namespace'),
  Privileged: z
    .boolean()
    .optional()
    .describe('Full access to the host (all devices and capabilities): avoid unless required'),
  PublishAllPorts: z
    .boolean()
    .optional()
    .describe('Publish every exposed port on a random host port'),
  ReadonlyRootfs: z
    .boolean()
    .optional()
    .describe("Mount the container's root filesystem read-only"),
  SecurityOpt: strings('Security options, e.g. ["no-new-privileges", "seccomp=unconfined"]'),
  StorageOpt: stringMap('Storage driver options, e.g. {"size": "10G"}'),
  Tmpfs: stringMap('tmpfs mounts: {"/run": "rw,noexec,size=64m"}'),
  UTSMode: z
    .string()
    .max(NAME_CHARS)
    .optional()
    .describe('UTS namespace: "host" to share the host name'),
  UsernsMode: z.string().max(NAME_CHARS).optional().describe('User namespace mode, e.g. "host"'),
  ShmSize: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Size of /dev/shm in bytes (default 64 MiB)'),
  Sysctls: stringMap('Kernel parameters, e.g. {"net.ipv4.ip_forward": "1"}'),
  Runtime: z.string().max(NAME_CHARS).optional().describe('OCI runtime, e.g. "runc"'),
  Isolation: z.enum(['default', 'process', 'hyperv']).optional().describe('Windows only'),
  MaskedPaths: strings('Paths to mask (replaces the default list)'),
  ReadonlyPaths: strings('Paths to make read-only (replaces the default list)'),
};

export const hostConfig = advertiseBriefly(
  refuseKeys(
    z
      .strictObject({ ...resourceFields, ...hostFields })
      .describe(
        'Host-dependent settings: network mode, mounts, published ports, restart policy, limits. Limits left out (or 0) mean no limit',
      ),
    {
      KernelMemory:
        'was removed in API 1.42 (engines ignore it; cgroup v2 has no kernel memory limit): leave it out',
    },
  ),
  ['Binds', 'PortBindings', 'NetworkMode', 'AutoRemove', 'Memory', 'NanoCpus'],
  'Host settings. Its other fields (Mounts, RestartPolicy, limits, CapAdd/CapDrop, Tmpfs, ...) as the Engine API names them; those reaching the host need a server flag',
);
