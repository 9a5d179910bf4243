/**
 * The v1.45 `Resources` object (cgroup limits), shared by container_create's HostConfig and
 * container_update. Strict at every level: the engine silently ignores a misspelt field.
 */
import { z } from 'zod';
import { NAME_CHARS, PATH_CHARS, VALUE_CHARS } from '../../containers/inputs.js';

/** The engine's smallest memory limit: 6 MiB (it answers 400 below that). */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

const int = () => z.number().int();
const bytes = () => z.number().int().min(0);

const throttleDevice = z
  .strictObject({
    Path: z.string().max(PATH_CHARS).describe('Device path on the host, e.g. "/dev/sda"'),
    Rate: bytes().describe('Rate (bytes or operations per second)'),
  })
  .describe('A per-device limit');
const throttleList = (what: string) =>
  z.array(throttleDevice).optional().describe(`${what}, as [{"Path": "/dev/sda", "Rate": N}]`);

const deviceMapping = z.strictObject({
  PathOnHost: z.string().max(PATH_CHARS).describe('Device on the host, e.g. "/dev/fuse"'),
  PathInContainer: z
    .string()
    .max(PATH_CHARS)
    .optional()
    .describe('Path inside the container (default: the same)'),
  CgroupPermissions: z
    .string()
    .max(NAME_CHARS)
    .regex(/^[rwm]{1,3}$/, 'must be a combination of r, w and m, e.g. "rwm"')
    .optional()
    .describe('"r", "w", "m" or a combination (default "rwm")'),
});

const deviceRequest = z.strictObject({
  Driver: z.string().max(NAME_CHARS).optional().describe('Device driver, e.g. "nvidia"'),
  Count: int().min(-1).optional().describe('How many devices; -1 for all'),
  DeviceIDs: z
    .array(z.string().max(NAME_CHARS))
    .optional()
    .describe('Specific device ids (instead of Count)'),
  Capabilities: z
    .array(z.array(z.string().max(NAME_CHARS)))
    .optional()
    .describe('An OR list of AND lists, e.g. [["gpu"]]'),
  Options: z
    .record(z.string(), z.string().max(VALUE_CHARS))
    .optional()
    .describe('Driver-specific options'),
});

const ulimit = z.strictObject({
  Name: z.string().max(NAME_CHARS).describe('Limit name, e.g. "nofile", "nproc", "core"'),
  Soft: int().describe('Soft limit'),
  Hard: int().describe('Hard limit'),
});

/** Fields container_update can change on an existing container (the engine ignores others). */
export const updatableResourceFields = {
  CpuShares: int()
    .min(0)
    .optional()
    .describe(
      'Relative CPU weight against other containers (default 1024; the engine needs at least 2)',
    ),
  Memory: bytes()
    .optional()
    .describe(
      `Memory limit in bytes, at least 6 MiB (${MIN_MEMORY_BYTES}); raising it past MemorySwap needs MemorySwap too`,
    ),
  MemorySwap: int()
    .min(-1)
    .optional()
    .describe('Total of memory plus swap in bytes, at least Memory; -1 for unlimited swap'),
  MemoryReservation: bytes().optional().describe('Soft memory limit in bytes (below Memory)'),
  NanoCpus: bytes().optional().describe('CPUs in billionths: 1500000000 = 1.5 CPUs'),
  CpuPeriod: bytes().optional().describe('CFS period in microseconds (with CpuQuota)'),
  CpuQuota: int().optional().describe('CPU microseconds per CpuPeriod the container may use'),
  CpuRealtimePeriod: bytes().optional().describe('Real-time period in microseconds'),
  CpuRealtimeRuntime: bytes().optional().describe('Real-time runtime in microseconds'),
  CpusetCpus: z
    .string()
    .max(NAME_CHARS)
    .optional()
    .describe('CPUs it may run on, e.g. "0-3" or "0,1"'),
  CpusetMems: z
    .string()
    .max(NAME_CHARS)
    .optional()
    .describe('NUMA memory nodes it may use, e.g. "0"'),
  BlkioWeight: int().min(0).max(1000).optional().describe('Block IO weight, 10-1000 (0: default)'),
  PidsLimit: int()
    .min(-1)
    .nullable()
    .optional()
    .describe('Maximum number of processes; 0 or -1 for unlimited'),
};

export const resourceFields = {
  ...updatableResourceFields,
  CgroupParent: z
    .string()
    .max(PATH_CHARS)
    .optional()
    .describe('Parent cgroup path for the container'),
  BlkioWeightDevice: z
    .array(z.strictObject({ Path: z.string().max(PATH_CHARS), Weight: int().min(0).max(1000) }))
    .optional()
    .describe('Per-device block IO weight, as [{"Path": "/dev/sda", "Weight": 200}]'),
  BlkioDeviceReadBps: throttleList('Read limit in bytes per second per device'),
  BlkioDeviceWriteBps: throttleList('Write limit in bytes per second per device'),
  BlkioDeviceReadIOps: throttleList('Read limit in operations per second per device'),
  BlkioDeviceWriteIOps: throttleList('Write limit in operations per second per device'),
  Devices: z.array(deviceMapping).optional().describe('Host devices to add to the container'),
  DeviceCgroupRules: z
    .array(z.string().max(NAME_CHARS))
    .optional()
    .describe('Device cgroup rules, e.g. ["c 13:* rwm"]'),
  DeviceRequests: z
    .array(deviceRequest)
    .optional()
    .describe(
      'Requests to device drivers, e.g. GPUs: [{"Driver": "nvidia", "Count": -1, "Capabilities": [["gpu"]]}]',
    ),
  KernelMemoryTCP: bytes()
    .optional()
    .describe('Kernel TCP buffer limit in bytes (ignored by current runtimes)'),
  MemorySwappiness: int().min(0).max(100).optional().describe('Swappiness, 0-100'),
  OomKillDisable: z.boolean().optional().describe('Disable the OOM killer for this container'),
  Init: z
    .boolean()
    .nullable()
    .optional()
    .describe('Run an init process (tini) that forwards signals and reaps zombies'),
  Ulimits: z
    .array(ulimit)
    .optional()
    .describe('Resource limits, e.g. [{"Name": "nofile", "Soft": 1024, "Hard": 2048}]'),
  CpuCount: bytes().optional().describe('Usable CPUs (Windows only)'),
  CpuPercent: int().min(0).max(100).optional().describe('Usable percentage of CPUs (Windows only)'),
  IOMaximumIOps: bytes().optional().describe('Maximum IO operations per second (Windows only)'),
  IOMaximumBandwidth: bytes().optional().describe('Maximum IO bytes per second (Windows only)'),
};

/** Resources fields that exist but cannot change after creation: update would ignore them. */
export const FIXED_AT_CREATION = Object.keys(resourceFields).filter(
  (key) => !(key in updatableResourceFields),
);
