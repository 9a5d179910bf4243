/**
 * The "done when": one container driven from create to delete by the tools alone,
 * through a real MCP client against the real engine, each step checked against the
 * engine's own state (test/helpers/docker.ts), including stop with a signal on this engine.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  docker,
  engineApiVersion,
  inspect,
  removeTestContainers,
  RUN_ID,
  TEST_IMAGE,
  testLabels,
  uniqueName,
} from '../helpers/docker.js';
import { engineState, LIFECYCLE_SCRIPT } from '../helpers/lifecycle.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { apiVersionAtLeast } from '../../src/engine/version.js';

interface State {
  id: string;
  name: string;
  status: string;
  running: boolean;
  paused: boolean;
  exit_code: number;
}
interface Lifecycle {
  changed: boolean;
  container: State;
  stop?: { method: string; emulated: boolean };
}

let session: Session;
let engineApi: string;
beforeAll(async () => {
  session = await startServer();
  engineApi = await engineApiVersion();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

describe('a container driven through its whole life by the tools', () => {
  it('create, start, top, pause, unpause, update, rename, changes, stop (signal), wait, kill, prune, delete', async () => {
    const scenario = `${RUN_ID}-${randomUUID().slice(0, 6)}`;
    const labels = { ...testLabels(), 'cmcp.scenario': scenario };
    const body = {
      Image: TEST_IMAGE,
      Cmd: ['sh', '-c', LIFECYCLE_SCRIPT],
      Labels: labels,
      Volumes: { '/data': {} },
      HostConfig: { NetworkMode: 'none' },
    };

    // create
    const name = uniqueName('life');
    const created = dataOf<{ id: string; name: string; warnings: string[] }>(
      await call(session, 'container_create', { name, body }),
    );
    expect(created).toMatchObject({ name, warnings: [] });
    let engine = await engineState(created.id);
    expect(engine.Name).toBe(`/${name}`);
    expect(engine.State.Status).toBe('created');
    expect(engine.Config.Labels).toMatchObject(labels);
    expect(engine.HostConfig.NetworkMode).toBe('none');
    const id = created.id;

    // start
    const started = dataOf<Lifecycle>(await call(session, 'container_start', { id: name }));
    engine = await engineState(id);
    expect(engine.State.Running).toBe(true);
    expect(started).toMatchObject({ changed: true, container: { id, status: 'running' } });

    // top: the main process is the one the engine reports
    const top = dataOf<{ titles: string[]; processes: string[][] }>(
      await call(session, 'container_top', { id: name }),
    );
    const pidColumn = top.titles.indexOf('PID');
    expect(top.processes.map((row) => Number(row[pidColumn]))).toContain(engine.State.Pid);

    // pause, unpause
    const paused = dataOf<Lifecycle>(await call(session, 'container_pause', { id: name }));
    expect(paused.container).toMatchObject({ status: 'paused', paused: true });
    expect((await engineState(id)).State.Paused).toBe(true);
    const resumed = dataOf<Lifecycle>(await call(session, 'container_unpause', { id: name }));
    expect(resumed.container).toMatchObject({ status: 'running', paused: false });
    expect((await engineState(id)).State).toMatchObject({ Paused: false, Running: true });

    // update: memory (with swap, as the engine requires) and restart policy
    const memory = 64 * 1024 * 1024;
    await call(session, 'container_update', {
      id: name,
      update: { Memory: memory, MemorySwap: -1, RestartPolicy: { Name: 'unless-stopped' } },
    });
    engine = await engineState(id);
    expect(engine.HostConfig).toMatchObject({
      Memory: memory,
      RestartPolicy: { Name: 'unless-stopped' },
    });

    // rename
    const renamed = uniqueName('life-renamed');
    const afterRename = dataOf<Lifecycle>(
      await call(session, 'container_rename', { id: name, name: renamed }),
    );
    expect(afterRename.container).toMatchObject({ id, name: renamed });
    expect((await engineState(id)).Name).toBe(`/${renamed}`);
    expect(await inspect(name)).toBeUndefined();

    // changes: the same set the engine reports
    const changes = dataOf<{ changes: { kind: string; path: string }[] }>(
      await call(session, 'container_changes', { id: renamed }),
    );
    expect(changes.changes).toContainEqual({ kind: 'A', path: '/created-by-test' });
    const fromEngine = await docker<{ Path: string; Kind: number }[]>(
      'GET',
      `/containers/${id}/changes`,
    );
    expect(changes.changes.map((c) => `${c.kind} ${c.path}`).sort()).toEqual(
      fromEngine.body.map((c) => `${'CAD'[c.Kind]} ${c.Path}`).sort(),
    );

    // stop with a signal while a wait is pending: only SIGUSR1 ends the script with 42
    const waiting = call(session, 'container_wait', { id: renamed, timeout_s: 30 });
    const stopped = dataOf<Lifecycle>(
      await call(session, 'container_stop', { id: renamed, signal: 'USR1', t: 20 }),
    );
    const emulated = !apiVersionAtLeast(engineApi, '1.42');
    expect(stopped.stop).toMatchObject({ method: emulated ? 'signal' : 'engine', emulated });
    expect(stopped.container).toMatchObject({ status: 'exited', exit_code: 42 });
    expect((await engineState(id)).State).toMatchObject({ Running: false, ExitCode: 42 });

    // wait
    const waited = dataOf<{ timed_out: boolean; exit_code: number }>(await waiting);
    expect(waited).toMatchObject({ timed_out: false, exit_code: 42 });

    // kill (SIGKILL by default) after starting it again
    await call(session, 'container_start', { id: renamed });
    expect((await engineState(id)).State.Running).toBe(true);
    const killed = dataOf<Lifecycle>(await call(session, 'container_kill', { id: renamed }));
    expect(killed.container).toMatchObject({ running: false, exit_code: 137 });
    expect((await engineState(id)).State).toMatchObject({ Running: false, ExitCode: 137 });

    // prune: a second, never-started container with an extra label goes; ours stays
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
    expect(await inspect(id)).toBeDefined();

    // delete, with its anonymous volume
    const volume = (await engineState(id)).Mounts.find((m) => m.Destination === '/data')?.Name;
    expect(volume).toBeDefined();
    const deleted = await call(session, 'container_delete', { id: renamed, v: true });
    expect(dataOf<{ volumes_removed: string[] }>(deleted).volumes_removed).toEqual([volume]);
    expect(textOf(deleted)).toMatch(new RegExp(`^Removed ${renamed} \\(${id.slice(0, 12)}`));
    expect(await inspect(id)).toBeUndefined();
    expect((await docker('GET', `/volumes/${volume}`)).status).toBe(404);
  });
});
