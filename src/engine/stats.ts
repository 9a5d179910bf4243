/**
 * Container stats arithmetic, with the Docker CLI's formulas (cli/command/container/
 * stats_helpers.go), so figures match `docker stats`:
 * - CPU % = (Δ cpu_usage.total_usage / Δ system_cpu_usage) × online_cpus (else the length of
 *   percpu_usage) × 100, only when both deltas are positive;
 * - memory used = usage − total_inactive_file (cgroup v1, when smaller than usage), else
 *   usage − inactive_file (cgroup v2, when smaller), else usage; % of `limit`. The CLI does not
 *   subtract `cache`, whatever the API spec says;
 * - block I/O sums io_service_bytes_recursive by op (Read/read, Write/write);
 * - network sums rx_bytes and tx_bytes over the networks (absent with no network).
 * Pure functions over the engine's JSON: no I/O here.
 */

export interface CpuStats {
  cpu_usage?: {
    total_usage?: number;
    percpu_usage?: number[] | null;
    usage_in_kernelmode?: number;
    usage_in_usermode?: number;
  };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface StatsSample {
  read: string;
  preread?: string;
  id?: string;
  name?: string;
  pids_stats?: { current?: number; limit?: number };
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> | null };
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
}

export interface StatsFigures {
  /** When the engine read the counters (RFC 3339). */
  read: string;
  /** CPU % of one CPU (200% = two CPUs busy); undefined without a baseline reading. */
  cpuPercent: number | undefined;
  memoryUsed: number;
  memoryLimit: number;
  memoryPercent: number;
  networkRx: number;
  networkTx: number;
  blockRead: number;
  blockWrite: number;
  pids: number;
}

/** A reading to compute CPU % against: precpu_stats is empty on one-shot reads and Podman. */
export function hasCpuBaseline(cpu: CpuStats | undefined): cpu is CpuStats {
  return (cpu?.system_cpu_usage ?? 0) > 0;
}

export function cpuPercent(current: CpuStats, previous: CpuStats): number {
  const cpuDelta = (current.cpu_usage?.total_usage ?? 0) - (previous.cpu_usage?.total_usage ?? 0);
  const systemDelta = (current.system_cpu_usage ?? 0) - (previous.system_cpu_usage ?? 0);
  const cpus = current.online_cpus || (current.cpu_usage?.percpu_usage?.length ?? 0);
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * cpus * 100 : 0;
}

export function memoryUsed(memory: StatsSample['memory_stats']): number {
  const usage = memory?.usage ?? 0;
  const stats = memory?.stats ?? {};
  const v1 = stats.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = stats.inactive_file ?? 0;
  return v2 < usage ? usage - v2 : usage;
}

export function blockIo(blkio: StatsSample['blkio_stats']): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of blkio?.io_service_bytes_recursive ?? []) {
    const op = entry.op?.[0]?.toLowerCase();
    if (op === 'r') read += entry.value ?? 0;
    else if (op === 'w') write += entry.value ?? 0;
  }
  return { read, write };
}

export function networkIo(networks: StatsSample['networks']): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const network of Object.values(networks ?? {})) {
    rx += network.rx_bytes ?? 0;
    tx += network.tx_bytes ?? 0;
  }
  return { rx, tx };
}

/**
 * The `docker stats` figures of one sample. CPU % comes from `baseline` when given (an
 * earlier reading of the same container), else from the sample's own precpu_stats.
 */
export function statsFigures(sample: StatsSample, baseline?: CpuStats): StatsFigures {
  const previous = baseline ?? sample.precpu_stats;
  const current = sample.cpu_stats ?? {};
  const used = memoryUsed(sample.memory_stats);
  const limit = sample.memory_stats?.limit ?? 0;
  const network = networkIo(sample.networks);
  const block = blockIo(sample.blkio_stats);
  return {
    read: sample.read,
    cpuPercent: hasCpuBaseline(previous) ? cpuPercent(current, previous) : undefined,
    memoryUsed: used,
    memoryLimit: limit,
    memoryPercent: limit > 0 ? (used / limit) * 100 : 0,
    networkRx: network.rx,
    networkTx: network.tx,
    blockRead: block.read,
    blockWrite: block.write,
    pids: sample.pids_stats?.current ?? 0,
  };
}

export interface Spread {
  min: number;
  mean: number;
  max: number;
}

export function spread(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
    sum += value;
  }
  return { min, mean: sum / values.length, max };
}
