/** docker stats arithmetic on recorded cgroup v1 samples and a cgroup v2 sample. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  blockIo,
  cpuPercent,
  hasCpuBaseline,
  memoryUsed,
  spread,
  statsFigures,
  type StatsSample,
} from '../../src/engine/stats.js';
import { renderStatsRow, renderStatsSeries, renderSummary } from '../../src/render/stats.js';

function sample(name: string): StatsSample {
  const url = new URL(`../fixtures/stats/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as StatsSample;
}

describe('statsFigures, cgroup v1 (recorded from Docker 20.10)', () => {
  it('computes CPU % from precpu_stats with online_cpus, as docker stats', () => {
    const busy = statsFigures(sample('cgroup-v1-busy'));
    // (7760325029 - 6757329525) / (8863650000000 - 8861650000000) * 2 * 100
    expect(busy.cpuPercent).toBeCloseTo(100.2995504, 6);
  });

  it('subtracts total_inactive_file from usage, not cache', () => {
    const busy = statsFigures(sample('cgroup-v1-busy'));
    expect(busy).toMatchObject({ memoryUsed: 2342912 - 1716224, memoryLimit: 25276514304 });
    expect(busy.memoryPercent).toBeCloseTo((626688 / 25276514304) * 100, 10);
    const cached = statsFigures(sample('cgroup-v1-page-cache'));
    // total_inactive_file is 0 there: all of usage counts, though cache is 21 MB
    expect(cached.memoryUsed).toBe(22159360);
    expect(cached.cpuPercent).toBe(0); // idle: no CPU time between the readings
  });

  it('has no CPU % for a one-shot reading (precpu_stats empty) until given a baseline', () => {
    const first = sample('cgroup-v1-one-shot');
    expect(hasCpuBaseline(first.precpu_stats)).toBe(false);
    expect(statsFigures(first).cpuPercent).toBeUndefined();
    const usage = first.cpu_stats?.cpu_usage?.total_usage ?? 0;
    const system = first.cpu_stats?.system_cpu_usage ?? 0;
    const second: StatsSample = {
      ...first,
      cpu_stats: {
        ...first.cpu_stats,
        cpu_usage: { ...first.cpu_stats?.cpu_usage, total_usage: usage + 500_000_000 },
        system_cpu_usage: system + 2_000_000_000,
      },
    };
    expect(statsFigures(second, first.cpu_stats).cpuPercent).toBeCloseTo(50, 10);
  });

  it('renders the row docker stats --no-stream prints', () => {
    const text = renderStatsRow(
      { id: '29f50c0eedcd', name: 'busy' },
      statsFigures(sample('cgroup-v1-busy')),
    );
    expect(text.split('\n')).toEqual([
      'CONTAINER ID  NAME  CPU %    MEM USAGE / LIMIT  MEM %  NET I/O  BLOCK I/O  PIDS',
      '29f50c0eedcd  busy  100.30%  612KiB / 23.54GiB  0.00%  0B / 0B  0B / 0B    1',
    ]);
  });
});

describe('statsFigures, cgroup v2', () => {
  const v2 = sample('cgroup-v2');

  it('uses online_cpus without percpu_usage, and inactive_file for memory', () => {
    const figures = statsFigures(v2);
    // (41.5e9 - 40e9) / (208000e9 - 207996e9) * 4 * 100
    expect(figures.cpuPercent).toBeCloseTo(150, 10);
    expect(figures.memoryUsed).toBe(104857600 - 33554432);
    expect(figures.memoryPercent).toBeCloseTo(13.28125, 10);
    expect(figures).toMatchObject({
      blockRead: 4194304 + 1048576,
      blockWrite: 1048576,
      networkRx: 2_000_000,
      networkTx: 300_000,
      pids: 12,
    });
  });

  it('renders I/O with three significant digits, as docker stats', () => {
    const text = renderStatsRow({ id: '5c1e0d6a7b8c', name: 'web' }, statsFigures(v2));
    expect(text.split('\n')[1]).toBe(
      '5c1e0d6a7b8c  web   150.00%  68MiB / 512MiB     13.28%  2MB / 300kB  5.24MB / 1.05MB  12',
    );
  });
});

describe('formula edge cases', () => {
  it('falls back to the length of percpu_usage without online_cpus', () => {
    const current = {
      cpu_usage: { total_usage: 3e9, percpu_usage: [1, 1, 1, 1] },
      system_cpu_usage: 10e9,
    };
    const previous = { cpu_usage: { total_usage: 1e9 }, system_cpu_usage: 6e9 };
    expect(cpuPercent(current, previous)).toBeCloseTo(200, 10);
  });

  it('is 0 unless both deltas are positive (counter reset, clock stall)', () => {
    const previous = { cpu_usage: { total_usage: 5e9 }, system_cpu_usage: 6e9, online_cpus: 2 };
    expect(
      cpuPercent(
        { cpu_usage: { total_usage: 4e9 }, system_cpu_usage: 7e9, online_cpus: 2 },
        previous,
      ),
    ).toBe(0);
    expect(
      cpuPercent(
        { cpu_usage: { total_usage: 6e9 }, system_cpu_usage: 6e9, online_cpus: 2 },
        previous,
      ),
    ).toBe(0);
  });

  it('takes usage whole when inactive_file is not smaller', () => {
    expect(
      memoryUsed({ usage: 100, stats: { total_inactive_file: 100, inactive_file: 200 } }),
    ).toBe(100);
    expect(memoryUsed({ usage: 100, stats: null })).toBe(100);
    expect(memoryUsed(undefined)).toBe(0);
  });

  it('sums block I/O by op, whatever the case, and ignores other ops', () => {
    expect(
      blockIo({
        io_service_bytes_recursive: [
          { op: 'Read', value: 10 },
          { op: 'write', value: 5 },
          { op: 'Sync', value: 15 },
          { op: 'Total', value: 15 },
          { op: '', value: 99 },
        ],
      }),
    ).toEqual({ read: 10, write: 5 });
    expect(blockIo({ io_service_bytes_recursive: null })).toEqual({ read: 0, write: 0 });
  });

  it('summarises a series as min / mean / max', () => {
    expect(spread([2, 4, 9])).toEqual({ min: 2, mean: 5, max: 9 });
    expect(spread([])).toBeUndefined();
    const series = [
      statsFigures(v2()),
      { ...statsFigures(v2()), cpuPercent: 50, read: '2026-11-26T23:50:02.5Z' },
    ];
    expect(renderStatsSeries(series).split('\n')[2]).toMatch(/^23:50:02 +50\.00% /);
    const summary = renderSummary({
      cpu_percent: { min: 50, mean: 100, max: 150 },
      memory_used: { min: 1024, mean: 1536, max: 2048 },
      memory_percent: { min: 1, mean: 2, max: 3 },
      pids: { min: 1, mean: 1.5, max: 2 },
    });
    expect(summary.split('\n')[1]).toBe('CPU %      50.00%  100.00%  150.00%');
  });
});

function v2(): StatsSample {
  return sample('cgroup-v2');
}
