/**
 * Engine compatibility: one container driven from create to delete by every lifecycle tool,
 * against whichever engine DOCKER_HOST names (dockerd in `npm test`, Podman's service in
 * `npm run test:podman`). Where the engines differ, the test asserts each one's behaviour.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inspect,
  isPodman,
  removeTestContainers,
  RUN_ID,
  TEST_IMAGE,
  testHostConfig,
  testLabels,
  uniqueName,
} from '../helpers/docker.js';
import { engineState, LIFECYCLE_SCRIPT } from '../helpers/lifecycle.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

interface Lifecycle {
  changed: boolean;
  container: { id: string; name: string; status: string; running: boolean; exit_code: number };
  stop?: { method: string; emulated: boolean };
}

let session: Session;
let podman: boolean;
beforeAll(async () => {
  session = await startServer();
  podman = await isPodman();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

describe('every lifecycle tool on this engine', () => {
  it('create, start, top, pause, unpause, update, rename, changes, stop, wait, kill, prune, delete', async () => {
    const scenario = `${RUN_ID}-${randomUUID().slice(0, 6)}`;
    const labels = { ...testLabels(), 'cmcp.scenario': scenario };
    const body = {
      Image: TEST_IMAGE,
      Cmd: ['sh', '-c', LIFECYCLE_SCRIPT],
      Labels: labels,
      Volumes: { '/data': {} },
      HostConfig: await testHostConfig(),
    };
    const name = uniqueName('life');
    const { id } = dataOf<{ id: string }>(await call(session, 'container_create', { name, body }));
    expect((await engineState(id)).State.Status).toBe('created');

    await call(session, 'container_start', { id: name });
    const pid = (await engineState(id)).State.Pid;
    expect(pid).toBeGreaterThan(0);

    // top: the default columns on both (Podman reads them with its own reader, as psgo descriptors)
    const top = dataOf<{ titles: string[]; processes: string[][] }>(
      await call(session, 'container_top', { id: name }),
    );
    expect(top.titles).toContain('PID');
    expect(top.titles.length).toBeGreaterThan(2);
    for (const row of top.processes) expect(row).toHaveLength(top.titles.length);
    const pids = top.processes.map((row) => Number(row[top.titles.indexOf('PID')]));
    // dockerd shows host PIDs, Podman the container's own (the main process is 1)
    expect(pids).toContain(podman ? 1 : pid);
    expect(top.processes.map((row) => row.at(-1))).toContainEqual(
      expect.stringContaining(LIFECYCLE_SCRIPT),
    );

    expect(
      dataOf<Lifecycle>(await call(session, 'container_pause', { id: name })).container,
    ).toMatchObject({ status: 'paused' });
    expect((await engineState(id)).State.Paused).toBe(true);
    await call(session, 'container_unpause', { id: name });
    expect((await engineState(id)).State).toMatchObject({ Paused: false, Running: true });

    // update: Podman 4.x has no /update; the tool says so before calling, and nothing changes
    const update = await call(session, 'container_update', {
      id: name,
      update: { Memory: 64 * 1024 * 1024, MemorySwap: -1 },
    });
    if (podman) {
      expect(update.isError).toBe(true);
      expect(textOf(update)).toMatch(
        /^Engine error \[unsupported\]: POST \/containers\/\{id\}\/update is not supported by this engine \(Podman 4\.\d+\.\d+\)/,
      );
      expect((await engineState(id)).HostConfig.Memory).toBe(0);
    } else {
      expect(update.isError).toBeFalsy();
      expect((await engineState(id)).HostConfig.Memory).toBe(64 * 1024 * 1024);
    }

    const renamed = uniqueName('life-renamed');
    await call(session, 'container_rename', { id: name, name: renamed });
    expect((await engineState(id)).Name).toBe(`/${renamed}`);

    const changes = dataOf<{ changes: { kind: string; path: string }[] }>(
      await call(session, 'container_changes', { id: renamed }),
    );
    expect(changes.changes).toContainEqual({ kind: 'A', path: '/created-by-test' });

    // stop with a signal while a wait is pending: the engine sends it from API 1.42, the
    // server itself (kill + wait) below (./versions.test.ts asserts which)
    const waiting = call(session, 'container_wait', { id: renamed, timeout_s: 30 });
    const stopped = dataOf<Lifecycle>(
      await call(session, 'container_stop', { id: renamed, signal: 'USR1', t: 20 }),
    );
    expect(stopped.container).toMatchObject({ status: 'exited', exit_code: 42 });
    expect(dataOf<{ exit_code: number }>(await waiting)).toMatchObject({ exit_code: 42 });

    // kill on a stopped container: dockerd 409, Podman 500; the same answer either way
    const stoppedKill = await call(session, 'container_kill', { id: renamed });
    expect(stoppedKill.isError).toBe(true);
    expect(textOf(stoppedKill)).toMatch(
      podman
        ? /^Engine error \[conflict\] \(HTTP 500 .*can only kill running containers/
        : /^Engine error \[conflict\] \(HTTP 409 .*is not running/,
    );
    expect(textOf(stoppedKill)).toContain('Next: The container is already stopped');

    await call(session, 'container_restart', { id: renamed, t: 1 });
    expect((await engineState(id)).State.Running).toBe(true);
    const killed = dataOf<Lifecycle>(await call(session, 'container_kill', { id: renamed }));
    expect(killed.container).toMatchObject({ running: false, exit_code: 137 });

    const spare = dataOf<{ id: string }>(
      await call(session, 'container_create', {
        body: { ...body, Cmd: ['true'], Labels: { ...labels, role: 'prune-me' } },
      }),
    );
    const pruned = dataOf<{ removed: { id: string }[] }>(
      await call(session, 'container_prune', {
        filters: { label: [`cmcp.scenario=${scenario}`, 'role=prune-me'] },
      }),
    );
    expect(pruned.removed.map((c) => c.id)).toEqual([spare.id]);
    expect(await inspect(spare.id)).toBeUndefined();

    // delete with v: Podman lists the anonymous volume in Binds too; it still goes
    const volume = (await engineState(id)).Mounts.find((m) => m.Destination === '/data')?.Name;
    expect(volume).toMatch(/^[0-9a-f]{64}$/);
    const deleted = await call(session, 'container_delete', { id: renamed, v: true });
    expect(dataOf<{ volumes_removed: string[] }>(deleted).volumes_removed).toEqual([volume]);
    expect(await inspect(id)).toBeUndefined();
  });
});
