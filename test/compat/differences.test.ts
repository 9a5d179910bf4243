/**
 * Engine compatibility: each known difference between dockerd and Podman's service
 * (docs/ENGINE-NOTES.md), and the read and file tools, through a real MCP client against
 * whichever engine DOCKER_HOST names. Every difference is asserted for both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, resolveEngineAddress } from '../../src/engine/index.js';
import {
  createContainer,
  docker,
  eventually,
  FILE_LABEL,
  inspect,
  isPodman,
  removeTestContainers,
  TEST_IMAGE,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { linesOf, type DataLine } from '../helpers/lines.js';
import { listedRows, rowsOf } from '../helpers/rows.js';

let session: Session;
let podman: boolean;
let idle: TestContainer;
let printed: TestContainer;
beforeAll(async () => {
  session = await startServer();
  podman = await isPodman();
  [idle, printed] = await Promise.all([
    createContainer({ cmd: ['sleep', '600'] }),
    createContainer({ cmd: ['sh', '-c', 'echo a; echo b; echo c'] }),
  ]);
  await eventually(async () => (await inspect(printed.id))?.State.Status === 'exited');
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

/** "(HTTP 409 from" on dockerd, "(HTTP 500 from" on Podman: its state errors are 500s. */
const stateStatus = () => (podman ? 500 : 409);

describe('detection', () => {
  it('tells Podman from dockerd by its ping', async () => {
    const engine = new Engine(resolveEngineAddress());
    try {
      expect(await engine.flavor()).toBe(podman ? 'podman' : 'docker');
      expect((await engine.engineInfo()).product).toMatch(podman ? /^Podman 4\./ : /^Docker /);
    } finally {
      await engine.close();
    }
  });
});

describe('reading containers', () => {
  it('lists and inspects; Podman names the image with its registry', async () => {
    const list = listedRows(
      await call(session, 'container_list', { all: true, filters: { label: [FILE_LABEL] } }),
    );
    expect(list.map((c) => c.name).sort()).toEqual([idle.name, printed.name].sort());
    const image = list.find((c) => c.name === idle.name)?.image;
    expect(image).toBe(podman ? `docker.io/library/${TEST_IMAGE}` : TEST_IMAGE);
    const inspected = dataOf<{ container: { id: string; name: string } }>(
      await call(session, 'container_inspect', { id: idle.name }),
    );
    expect(inspected.container).toMatchObject({ id: idle.id.slice(0, 12), name: idle.name });
  });

  it('answers an unknown container in the engine words, with the same next step', async () => {
    const result = await call(session, 'container_inspect', { id: 'cmcp-compat-nope' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      podman
        ? 'no container with name or ID "cmcp-compat-nope" found'
        : 'No such container: cmcp-compat-nope',
    );
    expect(textOf(result)).toContain('Next: Check the name or id with container_list');
  });
});

describe('state errors: dockerd 409, Podman 500, the same conflict and advice', () => {
  it('start on a paused container, delete on a running one', async () => {
    const box = await createContainer({ cmd: ['sleep', '600'] });
    await docker('POST', `/containers/${box.id}/pause`);
    const start = await call(session, 'container_start', { id: box.name });
    expect(textOf(start)).toMatch(
      new RegExp(`^Engine error \\[conflict\\] \\(HTTP ${stateStatus()} `),
    );
    expect(textOf(start)).toContain('Next: The container is paused, not stopped');
    await docker('POST', `/containers/${box.id}/unpause`);
    const remove = await call(session, 'container_delete', { id: box.name });
    expect(textOf(remove)).toMatch(
      new RegExp(`^Engine error \\[conflict\\] \\(HTTP ${stateStatus()} `),
    );
    expect(textOf(remove)).toContain('Next: The container is running: stop it first');
    expect((await inspect(box.id))?.State.Running).toBe(true);
  });

  it('stop on a never-started container: dockerd 304, Podman 204; nothing to do on both', async () => {
    const created = await createContainer({ cmd: ['sleep', '600'], start: false });
    const result = await call(session, 'container_stop', { id: created.name });
    expect(dataOf<{ changed: boolean }>(result).changed).toBe(false);
    expect(textOf(result)).toMatch(/was not running\. Nothing to do\./);
    expect((await inspect(created.id))?.State.Status).toBe('created');
  });

  it('top on a stopped container: dockerd 409, Podman an empty 200', async () => {
    const result = await call(session, 'container_top', { id: printed.name });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      podman
        ? /^Engine error \[conflict\]: container .* is not running/
        : /^Engine error \[conflict\] \(HTTP 409 .*is not running/,
    );
    expect(textOf(result)).toContain('Next: The container is not running: start it first');
  });
});

describe('stats', () => {
  it('computes CPU % on both: Podman leaves precpu_stats empty, so two readings are taken', async () => {
    const busy = await createContainer({ cmd: ['sh', '-c', 'while :; do :; done'] });
    const data = dataOf<{
      stats: { cpu_percent: number; pids: number };
      raw: { name: string; precpu_stats: { system_cpu_usage?: number } };
    }>(await call(session, 'container_stats', { id: busy.name, raw: true }));
    expect(data.stats.cpu_percent).toBeGreaterThan(0);
    expect(data.stats.pids).toBeGreaterThan(0);
    // dockerd's stream=0 reading carries its own baseline; Podman's carries none
    if (podman) expect(data.raw.precpu_stats.system_cpu_usage ?? 0).toBe(0);
    else expect(data.raw.precpu_stats.system_cpu_usage).toBeGreaterThan(0);
    expect(data.raw.name).toBe(podman ? busy.name : `/${busy.name}`);
    await docker('POST', `/containers/${busy.id}/kill`);
  });
});

describe('logs timestamps and cursors', () => {
  interface Logs {
    streams: ('stdout' | 'stderr')[];
    lines: DataLine[];
    next_since?: string;
    earlier_until?: string;
  }
  const logs = async (args: Record<string, unknown>) => {
    const result = await call(session, 'container_logs', { id: printed.name, ...args });
    const data = dataOf<Logs>(result);
    return { text: textOf(result), data, lines: linesOf(data) };
  };

  it('Podman stamps whole seconds; a since cursor repeats lines of that second, never skips', async () => {
    const all = await logs({ timestamps: true });
    expect(all.lines.map((l) => l.text)).toEqual(['a', 'b', 'c']);
    for (const line of all.lines) {
      expect(line.time).toMatch(podman ? /T\d\d:\d\d:\d\dZ$/ : /\.\d{9}Z$/);
    }
    const after = await logs({ since: all.data.next_since });
    const texts = after.lines.map((l) => l.text);
    if (podman) {
      expect(['a,b,c', 'b,c', 'c']).toContain(texts.join(','));
      expect(all.text).toContain('whole-second timestamps');
    } else {
      expect(texts).toEqual([]);
      expect(all.text).not.toContain('whole-second');
    }
  });

  it('a log driver that keeps nothing: each engine words it, the advice is the same', async () => {
    const silent = await createContainer({
      cmd: ['echo', 'lost'],
      hostConfig: { LogConfig: { Type: 'none', Config: {} } },
    });
    const result = await call(session, 'container_logs', { id: silent.name });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      podman ? "the 'none' log driver, cannot read logs" : 'configured logging driver does not',
    );
    expect(textOf(result)).toMatch(/Next: .*logging driver/);
  });

  it('an until cursor pages back without skipping a line', async () => {
    const last = await logs({ tail: 1 });
    expect(last.lines.map((l) => l.text)).toEqual(['c']);
    const before = await logs({ until: last.data.earlier_until, tail: 'all' });
    const texts = before.lines.map((l) => l.text);
    // dockerd's cursor is exact; Podman's takes in the whole second of "c"
    if (podman) expect(texts.slice(0, 2)).toEqual(['a', 'b']);
    else expect(texts).toEqual(['a', 'b']);
  });
});

describe('files', () => {
  it('writes, stats, reads and exports; directories listed alike (Podman tars them without a trailing slash)', async () => {
    const put = await call(session, 'put_container_archive', {
      id: idle.name,
      path: '/tmp',
      files: [{ path: 'compat/hello.txt', content: 'hello\n' }],
    });
    expect(dataOf<{ entries: { path: string; action: string }[] }>(put).entries).toEqual([
      expect.objectContaining({ path: '/tmp/compat/hello.txt', action: 'create' }),
    ]);
    const info = dataOf<{ stat: { type: string; size: number } }>(
      await call(session, 'container_archive_info', {
        id: idle.name,
        path: '/tmp/compat/hello.txt',
      }),
    );
    expect(info.stat).toMatchObject({ type: 'file', size: 6 });
    const file = dataOf<{ content?: { data: string } }>(
      await call(session, 'container_archive', { id: idle.name, path: '/tmp/compat/hello.txt' }),
    );
    expect(file.content?.data).toBe('hello\n');
    const dir = dataOf<{ columns: string[]; entries: string[][] }>(
      await call(session, 'container_archive', { id: idle.name, path: '/tmp/compat' }),
    );
    // Podman's tar names a directory "compat", dockerd's "compat/": listed as ls -F shows it.
    expect(rowsOf(dir, dir.entries).map((e) => e.name)).toEqual(['compat/', 'compat/hello.txt']);
    const exported = dataOf<{ summary: { top_level: { name: string }[] } }>(
      await call(session, 'container_export', { id: idle.name }),
    );
    const top = exported.summary.top_level.map((t) => t.name);
    expect(top).toEqual(expect.arrayContaining(['bin', 'tmp']));
    // dockerd adds /.dockerenv to every container; Podman does not
    expect(top.includes('.dockerenv')).toBe(!podman);
  });
});
