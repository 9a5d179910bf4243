/** container_stats through a real MCP client against the real engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  inspect,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

interface Figures {
  read: string;
  cpu_percent: number;
  memory_used: number;
  memory_limit: number;
  memory_percent: number;
  network_rx: number;
  network_tx: number;
  block_read: number;
  block_write: number;
  pids: number;
}
interface StatsData {
  container: { id: string; name: string; status: string };
  stats: Figures;
  series?: Figures[];
  summary?: Record<
    'cpu_percent' | 'memory_used' | 'memory_percent' | 'pids',
    { min: number; mean: number; max: number }
  >;
  raw?: Record<string, unknown>;
}

const MEMORY_LIMIT = 64 * 1024 * 1024;
let session: Session;
let busy: TestContainer;
let idle: TestContainer;
let stopped: TestContainer;
let paused: TestContainer;

beforeAll(async () => {
  [busy, idle, stopped, paused] = await Promise.all([
    createContainer({
      cmd: ['sh', '-c', 'while :; do :; done'],
      hostConfig: { Memory: MEMORY_LIMIT },
    }),
    createContainer({ cmd: ['sh', '-c', 'sleep 600 & sleep 600 & wait'] }),
    createContainer({ cmd: ['true'] }),
    createContainer({ cmd: ['sleep', '600'] }),
  ]);
  await docker('POST', `/containers/${stopped.id}/wait`);
  await docker('POST', `/containers/${paused.id}/pause`);
  session = await startServer();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

const stats = async (args: Record<string, unknown>) => {
  const result = await call(session, 'container_stats', args);
  return { text: textOf(result), data: dataOf<StatsData>(result) };
};

describe.concurrent('container_stats', () => {
  it('reports a busy container as docker stats --no-stream does, with numbers as data', async () => {
    const { text, data } = await stats({ id: busy.name });
    expect(text.split('\n')[0]).toMatch(
      /^CONTAINER ID +NAME +CPU % +MEM USAGE \/ LIMIT +MEM % +NET I\/O +BLOCK I\/O +PIDS$/,
    );
    expect(text.split('\n')[1]).toMatch(
      new RegExp(
        `^${busy.id.slice(0, 12)} +${busy.name} +\\d+\\.\\d\\d% +[\\d.]+[KMG]?i?B / 64MiB +\\d+\\.\\d\\d% +0B / 0B +`,
      ),
    );
    expect(data.container).toEqual({
      id: busy.id.slice(0, 12),
      name: busy.name,
      status: 'running',
    });
    // the engine's own view: the limit set at create, one process, no network
    expect(data.stats).toMatchObject({
      memory_limit: MEMORY_LIMIT,
      pids: 1,
      network_rx: 0,
      network_tx: 0,
    });
    expect(data.stats.cpu_percent).toBeGreaterThan(0);
    expect(data.stats.memory_used).toBeGreaterThan(0);
    expect(data.stats.memory_percent).toBeCloseTo((data.stats.memory_used / MEMORY_LIMIT) * 100, 6);
  });

  it('answers at once that a stopped container is not running', async () => {
    const result = await call(session, 'container_stats', { id: stopped.name });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /is not running \(exited \(0\).*\nNext: start it \(container_start\)/,
    );
    expect((await inspect(stopped.id))?.State.Status).toBe('exited');
  });

  it('takes a series with min / mean / max', async () => {
    const { text, data } = await stats({ id: idle.name, samples: 3, interval_ms: 1000 });
    expect(data.series).toHaveLength(3);
    expect(data.stats).toEqual(data.series?.[2]);
    const reads = (data.series ?? []).map((f) => Date.parse(f.read));
    expect(reads[1]! - reads[0]!).toBeGreaterThanOrEqual(900);
    for (const f of data.series ?? []) expect(f.pids).toBe(3);
    const cpu = data.summary?.cpu_percent;
    expect(cpu && cpu.min <= cpu.mean && cpu.mean <= cpu.max).toBe(true);
    expect(data.summary?.pids).toEqual({ min: 3, mean: 3, max: 3 });
    expect(text).toMatch(/^cmcp-.* \(\w{12}\): 3 readings, oldest first\.\nTIME +CPU %/);
    expect(text).toMatch(/\n +MIN +MEAN +MAX\nCPU % /);
  });

  it('reads a bounded series from the live stream with stream: true', async () => {
    const { data } = await stats({ id: busy.name, stream: true, samples: 2 });
    expect(data.series).toHaveLength(2);
    expect(data.series?.every((f) => f.cpu_percent > 0)).toBe(true);
  });

  it('computes CPU % from a second reading when one_shot leaves precpu_stats empty', async () => {
    const { data } = await stats({ id: busy.name, one_shot: true, interval_ms: 500 });
    expect(data.stats.cpu_percent).toBeGreaterThan(0);
    expect(data.series).toBeUndefined();
  });

  it("returns the engine's JSON with raw: true", async () => {
    const { text, data } = await stats({ id: idle.name, raw: true });
    expect(data.raw).toMatchObject({ id: idle.id, name: `/${idle.name}` });
    expect(data.raw).toHaveProperty('cpu_stats.online_cpus');
    expect(text).toContain("Engine's stats JSON (last reading):\n{");
  });

  it('reports a paused container, saying it gets no CPU', async () => {
    const { text, data } = await stats({ id: paused.name });
    expect(data.container.status).toBe('paused');
    expect(data.stats.cpu_percent).toBe(0);
    expect(text).toContain('The container is paused');
  });

  it('refuses one_shot with a series, and an unknown container', async () => {
    const bad = await call(session, 'container_stats', {
      id: busy.name,
      one_shot: true,
      stream: true,
    });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toContain('one_shot: one_shot is for a single reading');
    const tooMany = await call(session, 'container_stats', { id: busy.name, samples: 11 });
    expect(textOf(tooMany)).toContain('samples: Too big');
    const missing = await call(session, 'container_stats', { id: 'no-such-container-4s' });
    expect(textOf(missing)).toContain('No such container: no-such-container-4s');
  });
});
