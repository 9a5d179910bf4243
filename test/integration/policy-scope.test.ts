/**
 * --scope-label through a real client against the real engine: only labelled containers
 * exist for the server. Lists and prune are filtered, every tool that takes an id refuses an
 * out-of-scope container exactly as a missing one (and the engine shows it untouched), create
 * labels what it makes, and container:// resources are scoped too.
 */
import { randomUUID } from 'node:crypto';
import { RESOURCE_NOT_FOUND, wireError } from '../helpers/clients.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  FILE_LABEL,
  inspect,
  removeTestContainers,
  TEST_IMAGE,
  testLabels,
  uniqueName,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { listedNames } from '../helpers/rows.js';

const KEY = 'cmcp.scope';
const VALUE = randomUUID().slice(0, 8);
let session: Session;
let inside: TestContainer;
let outside: TestContainer;
let insideStopped: TestContainer;
let outsideStopped: TestContainer;

beforeAll(async () => {
  const scoped = { labels: { [KEY]: VALUE } };
  [inside, outside, insideStopped, outsideStopped, session] = await Promise.all([
    createContainer(scoped),
    createContainer(),
    createContainer({ ...scoped, start: false }),
    createContainer({ start: false }),
    startServer({ args: ['--scope-label', `${KEY}=${VALUE}`] }),
  ]);
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

/** Valid arguments for every tool that takes a container id, apart from the id itself. */
const ID_TOOL_ARGS: Record<string, Record<string, unknown>> = {
  container_inspect: {},
  container_diagnose: {},
  container_logs: {},
  container_stats: {},
  container_start: {},
  container_stop: { t: 0 },
  container_restart: { t: 0 },
  container_kill: {},
  container_pause: {},
  container_unpause: {},
  container_rename: { name: uniqueName('renamed') },
  container_update: { update: { CpuShares: 512 } },
  container_wait: { timeout_s: 1 },
  container_top: {},
  container_changes: {},
  container_delete: { force: true },
  container_archive_info: { path: '/etc' },
  container_archive: { path: '/etc/hostname' },
  container_export: {},
  put_container_archive: { path: '/tmp', files: [{ path: 'scoped.txt', content: 'x' }] },
  container_attach: { stdin: true, input: 'x\n', duration_ms: 500 },
  container_attach_websocket: { stdin: true, input: 'x\n', duration_ms: 500 },
  container_resize: { h: 10, w: 10 },
  container_exec: { cmd: ['touch', '/tmp/scoped-exec'] },
  container_commit: { image: `cmcp-scoped/${uniqueName('commit')}:1` },
};

describe('a server scoped to one label', () => {
  it('lists only containers carrying the label, with the caller filters kept', async () => {
    const listed = await call(session, 'container_list', {
      all: true,
      filters: { label: FILE_LABEL },
    });
    expect(listedNames(listed).sort()).toEqual([inside.name, insideStopped.name].sort());
    const running = await call(session, 'container_list', { filters: { label: [FILE_LABEL] } });
    expect(listedNames(running)).toEqual([inside.name]);
  });

  it('every tool taking an id refuses an out-of-scope container as not found, and changes nothing', async () => {
    const { tools } = await session.client.listTools();
    const idTools = tools.filter((tool) => 'id' in (tool.inputSchema.properties ?? {}));
    expect(idTools.map((tool) => tool.name).sort()).toEqual(Object.keys(ID_TOOL_ARGS).sort());
    const missing = `cmcp-missing-${VALUE}`;
    for (const tool of idTools) {
      const args = ID_TOOL_ARGS[tool.name] ?? {};
      const refused = await call(session, tool.name, { ...args, id: outside.name });
      expect(refused.isError, tool.name).toBe(true);
      expect(textOf(refused), tool.name).toContain(
        `No such container: ${outside.name} (in this server's scope)`,
      );
      const absent = await call(session, tool.name, { ...args, id: missing });
      expect(textOf(absent).replaceAll(missing, outside.name), tool.name).toBe(textOf(refused));
    }
    const after = await inspect(outside.id);
    expect(after?.Name).toBe(`/${outside.name}`);
    expect(after?.State).toMatchObject({ Running: true, Paused: false });
    expect(after?.HostConfig.CpuShares).toBe(0);
    const written = await docker('HEAD', `/containers/${outside.id}/archive?path=/tmp/scoped.txt`);
    expect(written.status).toBe(404);
    const ran = await docker('HEAD', `/containers/${outside.id}/archive?path=/tmp/scoped-exec`);
    expect(ran.status).toBe(404);
  });

  it('in-scope containers work as usual', async () => {
    const result = await call(session, 'container_inspect', { id: inside.name });
    expect(dataOf<{ container: { name: string } }>(result).container.name).toBe(inside.name);
  });

  it('prune removes only stopped containers in scope', async () => {
    const pruned = dataOf<{ removed: { id: string }[] }>(
      await call(session, 'container_prune', { filters: { label: [FILE_LABEL] } }),
    );
    expect(pruned.removed.map((c) => c.id)).toEqual([insideStopped.id]);
    expect(await inspect(insideStopped.id)).toBeUndefined();
    expect(await inspect(outsideStopped.id)).toBeDefined();
    expect((await inspect(inside.id))?.State.Running).toBe(true);
  });

  it('create labels the container, and refuses another value or an out-of-scope reference', async () => {
    const body = { Image: TEST_IMAGE, Labels: testLabels(), HostConfig: { NetworkMode: 'none' } };
    const name = uniqueName('scoped');
    dataOf(await call(session, 'container_create', { name, body }));
    expect((await inspect(name))?.Config.Labels?.[KEY]).toBe(VALUE);

    const other = uniqueName('other');
    const relabelled = await call(session, 'container_create', {
      name: other,
      body: { ...body, Labels: { ...testLabels(), [KEY]: 'elsewhere' } },
    });
    expect(relabelled.isError).toBe(true);
    expect(textOf(relabelled)).toMatch(/body\.Labels\["cmcp\.scope"\] is "elsewhere"/);

    const sharing = await call(session, 'container_create', {
      name: other,
      body: { ...body, HostConfig: { NetworkMode: `container:${outside.name}` } },
    });
    expect(sharing.isError).toBe(true);
    expect(textOf(sharing)).toMatch(
      new RegExp(`body\\.HostConfig\\.NetworkMode names "${outside.name}".*no such container`),
    );
    expect(await inspect(other)).toBeUndefined();
  });

  it('container:// resources see only containers in scope', async () => {
    const { resources } = await session.client.listResources();
    const names = resources.map((r) => r.uri);
    expect(names).toContain(`container://${inside.name}/`);
    expect(names).not.toContain(`container://${outside.name}/`);

    const read = await session.client.readResource({
      uri: `container://${inside.name}/etc/hostname`,
    });
    expect(read.contents.length).toBe(1);
    const error = await wireError(
      session.client.readResource({ uri: `container://${outside.name}/etc/hostname` }),
    );
    expect(error.code).toBe(RESOURCE_NOT_FOUND);
    expect(error.message).toContain(`No such container: ${outside.name} (in this server's scope)`);
  });
});
