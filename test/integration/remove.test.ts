/**
 * What goes away and what stays: container_changes' caps, container_delete with and without
 * volumes, container_prune with label, label! and until (always scoped to this file's own
 * label: other runs share the engine), and the destructive tools' previews, computed
 * in-process against the real engine and checked against what the tools then do.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine, resolveEngineAddress } from '../../src/engine/index.js';
import type { Tool } from '../../src/mcp/define.js';
import { containerDelete } from '../../src/tools/lifecycle/delete.js';
import { containerKill } from '../../src/tools/lifecycle/kill.js';
import { containerPrune } from '../../src/tools/lifecycle/prune.js';
import { containerRestart } from '../../src/tools/lifecycle/restart.js';
import { containerStop } from '../../src/tools/lifecycle/stop.js';
import {
  createContainer,
  docker,
  eventually,
  inspect,
  removeTestContainers,
  RUN_ID,
  FILE_LABEL,
  testLabels,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { previewOf } from '../helpers/preview.js';

/** This file's own label: prune never sees another file's (or run's) containers. */
const SCOPE = FILE_LABEL;
const volumesToClean: string[] = [];

let session: Session;
let engine: Engine;
beforeAll(async () => {
  session = await startServer();
  engine = new Engine(resolveEngineAddress());
});
afterAll(async () => {
  await session?.close();
  await engine?.close();
  await removeTestContainers();
  await Promise.all(volumesToClean.map((name) => docker('DELETE', `/volumes/${name}`)));
});

const preview = (tool: Tool, args: Record<string, unknown>) => previewOf(tool, args, engine);

describe('container_changes', () => {
  it('caps long lists, counts the rest, and narrows by path', async () => {
    const c = await createContainer({
      cmd: [
        'sh',
        '-c',
        'mkdir /many && for i in $(seq 600); do touch /many/f$i; done; rm /bin/yes; sleep 3600',
      ],
    });
    await eventually(async () => {
      const changes = await docker<unknown[] | null>('GET', `/containers/${c.id}/changes`);
      return (changes.body?.length ?? 0) >= 603;
    });
    const all = await call(session, 'container_changes', { id: c.name });
    const data = dataOf<{
      changes: unknown[];
      total: number;
      truncated: boolean;
      counts: { added: number; deleted: number };
    }>(all);
    expect(data.changes).toHaveLength(500);
    expect(data).toMatchObject({ truncated: true });
    expect(data.total).toBeGreaterThanOrEqual(603);
    expect(data.counts.added).toBeGreaterThanOrEqual(601);
    expect(textOf(all)).toMatch(/… \d+ more not shown: pass path to narrow to one directory\.$/);
    const bin = await call(session, 'container_changes', { id: c.name, path: '/bin' });
    expect(textOf(bin)).toBe(
      `2 changes under /bin in ${c.name} (0 added, 1 changed, 1 deleted):\nC /bin\nD /bin/yes`,
    );
  });

  it('says "no changes" when the engine answers null', async () => {
    const c = await createContainer({ start: false });
    expect((await docker('GET', `/containers/${c.id}/changes`)).body).toBeNull();
    const result = await call(session, 'container_changes', { id: c.name });
    expect(textOf(result)).toBe(`No changes in ${c.name}: its filesystem is as the image left it.`);
  });
});

describe('container_delete', () => {
  it('reports the space freed by the writable layer', async () => {
    const c = await createContainer({
      cmd: ['sh', '-c', 'dd if=/dev/zero of=/blob bs=1024 count=300'],
    });
    await eventually(async () => (await inspect(c.id))?.State.Running === false);
    const result = await call(session, 'container_delete', { id: c.name });
    expect(textOf(result)).toMatch(
      /which was exited \(0\) .*; freed 30\d(\.\d+)?kB \(its writable layer\)\./,
    );
    expect(dataOf<{ space_reclaimed: number }>(result).space_reclaimed).toBeGreaterThanOrEqual(
      307200,
    );
    expect(await inspect(c.id)).toBeUndefined();
  });

  it('force removes a running container', async () => {
    const c = await createContainer();
    const result = await call(session, 'container_delete', { id: c.name, force: true });
    expect(dataOf<{ removed: { was: string } }>(result).removed.was).toBe('running');
    expect(await inspect(c.id)).toBeUndefined();
  });

  it('with v, removes anonymous volumes and keeps named ones', async () => {
    const named = `cmcp-${RUN_ID}-named-${randomUUID().slice(0, 6)}`;
    volumesToClean.push(named);
    // An anonymous volume (/anon) and a named one, which the create makes.
    const created = await docker<{ Id: string }>('POST', '/containers/create', {
      Image: 'busybox:local',
      Volumes: { '/anon': {} },
      Labels: testLabels(),
      HostConfig: { NetworkMode: 'none', Binds: [`${named}:/named`] },
    });
    const mounts = (await inspect(created.body.Id))?.Mounts ?? [];
    const anonymous = mounts.find((m) => m.Destination === '/anon')?.Name ?? '';
    volumesToClean.push(anonymous);
    const planned = await preview(containerDelete, { id: created.body.Id, v: true });
    expect(planned.summary).toContain(
      `with its anonymous volumes ${anonymous.slice(0, 12)} (/anon)`,
    );
    expect(planned.state).toMatchObject({ id: created.body.Id, volumes: [anonymous] });
    const result = await call(session, 'container_delete', { id: created.body.Id, v: true });
    expect(dataOf<{ volumes_removed: string[] }>(result).volumes_removed).toEqual([anonymous]);
    expect((await docker('GET', `/volumes/${anonymous}`)).status).toBe(404);
    expect((await docker('GET', `/volumes/${named}`)).status).toBe(200);
  });

  it('keeps an anonymous volume another container still uses', async () => {
    const first = await docker<{ Id: string }>('POST', '/containers/create', {
      Image: 'busybox:local',
      Volumes: { '/anon': {} },
      Labels: testLabels(),
      HostConfig: { NetworkMode: 'none' },
    });
    const volume =
      (await inspect(first.body.Id))?.Mounts.find((m) => m.Destination === '/anon')?.Name ?? '';
    volumesToClean.push(volume);
    await createContainer({ start: false, hostConfig: { VolumesFrom: [first.body.Id] } });
    const result = await call(session, 'container_delete', { id: first.body.Id, v: true });
    expect(dataOf<{ volumes_kept: string[] }>(result).volumes_kept).toEqual([volume]);
    expect(textOf(result)).toContain(
      `Kept (still used by another container): ${volume.slice(0, 12)} (/anon).`,
    );
    expect((await docker('GET', `/volumes/${volume}`)).status).toBe(200);
  });

  it("with link, removes a link, and passes the engine's answer on", async () => {
    const text = textOf(
      await call(session, 'container_delete', { id: `nope-${RUN_ID}/db`, link: true }),
    );
    expect(text).toContain(`No such container: nope-${RUN_ID}/db`);
    const refused = textOf(await call(session, 'container_delete', { id: 'web', link: true }));
    expect(refused).toContain('id: with link: true, id must be the link as "<container>/<alias>"');
  });
});

describe('container_prune', () => {
  it('removes exactly what its preview lists: stopped, labelled, not excluded', async () => {
    const [running, stoppedA, stoppedB, keep] = await Promise.all([
      createContainer({ labels: { batch: 'p1' } }),
      createContainer({ labels: { batch: 'p1' }, start: false }),
      createContainer({ labels: { batch: 'p1' }, cmd: ['true'] }),
      createContainer({ labels: { batch: 'p1', keep: 'yes' }, start: false }),
    ]);
    await eventually(async () => (await inspect(stoppedB.id))?.State.Status === 'exited');
    const filters = { label: [SCOPE, 'batch=p1'], 'label!': 'keep=yes' };
    const planned = await preview(containerPrune, { filters });
    expect(planned.state).toEqual({ ids: [stoppedA.id, stoppedB.id].sort() });
    expect(planned.summary).toMatch(
      /^Remove 2 stopped containers \(\d+(\.\d+)?[kM]?B in total\):\nNAME +ID +IMAGE +STATUS +SIZE/,
    );
    expect(planned.summary).toContain(stoppedA.name);
    expect(planned.summary).not.toContain(keep.name);

    const result = await call(session, 'container_prune', { filters: JSON.stringify(filters) });
    const data = dataOf<{ removed: { id: string; name: string }[] }>(result);
    expect(data.removed.map((c) => c.id).sort()).toEqual([stoppedA.id, stoppedB.id].sort());
    expect(data.removed.map((c) => c.name).sort()).toEqual([stoppedA.name, stoppedB.name].sort());
    expect(textOf(result)).toMatch(/^Removed 2 stopped containers, reclaiming \d/);
    expect(await inspect(stoppedA.id)).toBeUndefined();
    expect(await inspect(stoppedB.id)).toBeUndefined();
    expect(await inspect(running.id)).toBeDefined();
    expect(await inspect(keep.id)).toBeDefined();
  });

  it('until spares containers created after the cutoff', async () => {
    const fresh = await createContainer({ labels: { batch: 'p2' }, start: false });
    const filters = { label: [SCOPE, 'batch=p2'], until: '1h' };
    expect((await preview(containerPrune, { filters })).state).toEqual({ ids: [] });
    const result = await call(session, 'container_prune', { filters });
    expect(textOf(result)).toBe('No stopped containers matched the filters; nothing was removed.');
    expect(await inspect(fresh.id)).toBeDefined();
    const later = await call(session, 'container_prune', {
      filters: { label: [SCOPE, 'batch=p2'], until: String(Math.ceil(Date.now() / 1000) + 60) },
    });
    expect(dataOf<{ removed: { id: string }[] }>(later).removed.map((c) => c.id)).toEqual([
      fresh.id,
    ]);
  });
});

describe('previews of destructive calls', () => {
  it('stop, restart and kill name the container, its image and how long it has run', async () => {
    const c = await createContainer();
    const short = c.id.slice(0, 12);
    const stop = await preview(containerStop, { id: c.name, signal: 'INT', t: 5 });
    expect(stop.summary).toMatch(
      new RegExp(
        `^Stop with SIGINT \\(2\\); SIGKILL after 5 s: ${c.name} \\(${short}, image busybox:local\\): running, up `,
      ),
    );
    expect(stop.state).toMatchObject({ id: c.id, name: c.name, status: 'running' });
    expect((await preview(containerRestart, { id: c.name })).summary).toMatch(/^Restart: /);
    expect((await preview(containerKill, { id: c.name })).summary).toMatch(
      new RegExp(`^Send SIGKILL \\(9\\) to ${c.name} \\(${short}`),
    );
    const del = await preview(containerDelete, { id: c.name });
    expect(del.summary).toContain('it is running: the engine will refuse without force: true');
    expect((await preview(containerDelete, { id: c.name, force: true })).summary).toContain(
      'it is running and will be killed first (force)',
    );
    // Previews change nothing.
    expect((await inspect(c.id))?.State.Running).toBe(true);
  });

  it("fail with the engine's 404 for an unknown container", async () => {
    await expect(preview(containerKill, { id: `nope-${RUN_ID}` })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
