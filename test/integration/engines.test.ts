/**
 * Several engines in one server: the engine under test (DOCKER_HOST), Podman's
 * Docker-compatible service (scripts/podman-engine.sh) and an engine that is down. Each call
 * goes where its `engine` argument says, checked against each engine's real state.
 */
import type { ReadResourceResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createContainer,
  dockerAt,
  engineUnderTest,
  FILE_LABEL,
  inspect,
  PODMAN_ULIMITS,
  removeTestContainers,
  TEST_IMAGE,
  testLabels,
  uniqueName,
  type TestContainer,
} from '../helpers/docker.js';
import { setUp, skipWhen } from '../helpers/fixtures.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { listedNames, listedRows } from '../helpers/rows.js';

const PODMAN_HOST =
  process.env.CONTAINER_MCP_PODMAN_HOST ?? 'unix:///run/container-mcp/podman.sock';
const PODMAN = PODMAN_HOST.replace(/^unix:\/\//, '');
const DOWN = '/tmp/container-mcp-no-engine-here.sock';
const podman = <T>(method: string, path: string, body?: unknown) =>
  dockerAt<T>(PODMAN, method, path, body);

// Idempotent: uses the service when it answers, starts it (in CI) otherwise. Podman is the
// second engine, so the engine under test must be another one.
const unavailable =
  engineUnderTest() === PODMAN_HOST
    ? 'the engine under test is the Podman service these tests add as a second engine'
    : setUp('podman-engine.sh');

interface ListData {
  columns: string[];
  total: number;
  engines?: { name: string; total?: number; error?: string }[];
}

let session: Session;
let onDocker: TestContainer;
let onPodman: TestContainer;

async function createOnPodman(): Promise<TestContainer> {
  const name = uniqueName('podman');
  const created = await podman<{ Id: string }>('POST', `/containers/create?name=${name}`, {
    Image: TEST_IMAGE,
    Cmd: ['sleep', '3600'],
    Labels: testLabels(),
    // Podman in this VM cannot raise the defaults (docs/ENGINE-NOTES.md).
    HostConfig: { NetworkMode: 'none', Ulimits: PODMAN_ULIMITS },
  });
  if (created.status !== 201) throw new Error(`podman create: ${JSON.stringify(created.body)}`);
  const started = await podman('POST', `/containers/${created.body.Id}/start`);
  if (started.status !== 204) throw new Error(`podman start: ${JSON.stringify(started.body)}`);
  return { id: created.body.Id, name };
}

async function removePodmanContainers(): Promise<void> {
  const filters = encodeURIComponent(JSON.stringify({ label: [FILE_LABEL] }));
  const list = await podman<{ Id: string }[]>('GET', `/containers/json?all=1&filters=${filters}`);
  await Promise.all(list.body.map((c) => podman('DELETE', `/containers/${c.Id}?force=1`)));
}

async function read(uri: string): Promise<ReadResourceResult> {
  return session.client.readResource({ uri });
}

beforeAll(async () => {
  if (unavailable) return;
  [onDocker, onPodman] = await Promise.all([createContainer(), createOnPodman()]);
  session = await startServer({
    args: [
      '--engine',
      `docker=${engineUnderTest()}`,
      '--engine',
      `podman=unix://${PODMAN}`,
      '--engine',
      `down=unix://${DOWN}`,
    ],
  });
});
afterAll(async () => {
  await session?.close();
  if (unavailable) return;
  await Promise.all([removeTestContainers(), removePodmanContainers()]);
});
beforeEach(skipWhen(unavailable));

describe('the engine argument', () => {
  it('is offered on every tool, with the engine names (and "*" on container_list)', async () => {
    const { tools } = await session.client.listTools();
    for (const tool of tools) {
      const engine = (tool.inputSchema.properties as Record<string, { enum?: string[] }>)?.engine;
      const expected = [
        'docker',
        'podman',
        'down',
        ...(tool.name === 'container_list' ? ['*'] : []),
      ];
      expect(engine?.enum, tool.name).toEqual(expected);
      expect(tool.inputSchema.required ?? []).not.toContain('engine');
    }
  });

  it('routes a call to the engine it names, and to the first one by default', async () => {
    const found = dataOf<{ container: { id: string } }>(
      await call(session, 'container_inspect', { id: onPodman.name, engine: 'podman' }),
    );
    expect(found.container.id).toBe(onPodman.id.slice(0, 12));

    const onDefault = await call(session, 'container_inspect', { id: onPodman.name });
    expect(onDefault.isError).toBe(true);
    expect(textOf(onDefault)).toMatch(/No such container/);

    const dockerOne = await call(session, 'container_inspect', {
      id: onDocker.name,
      engine: 'podman',
    });
    expect(dockerOne.isError).toBe(true);
  });

  it('changes the named engine only', async () => {
    const renamed = `${onPodman.name}-renamed`;
    const result = await call(session, 'container_rename', {
      id: onPodman.name,
      name: renamed,
      engine: 'podman',
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    const after = await podman<{ Name: string }>('GET', `/containers/${onPodman.id}/json`);
    expect(after.body.Name.replace(/^\//, '')).toBe(renamed);
    expect(await inspect(renamed)).toBeUndefined(); // dockerd has no such container
    onPodman = { ...onPodman, name: renamed };
  });

  it('runs a command on the engine it names (container_exec)', async () => {
    // Podman marks its containers with /run/.containerenv, dockerd with /.dockerenv.
    const cmd = ['sh', '-c', 'test -e /run/.containerenv && echo podman || echo dockerd'];
    const onPodmanRan = await call(session, 'container_exec', {
      id: onPodman.name,
      cmd,
      engine: 'podman',
    });
    expect(dataOf<{ output: string }>(onPodmanRan).output).toBe('podman');
    const onDockerRan = await call(session, 'container_exec', { id: onDocker.name, cmd });
    expect(dataOf<{ output: string }>(onDockerRan).output).toBe('dockerd');
  });

  it('refuses an unknown engine name, listing the names', async () => {
    const result = await call(session, 'container_list', { engine: 'nope' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/engine/);
    for (const name of ['docker', 'podman', 'down']) expect(textOf(result)).toContain(name);
  });

  it('says which engine cannot be reached', async () => {
    const result = await call(session, 'container_inspect', { id: 'x', engine: 'down' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`cannot reach the Docker engine at unix://${DOWN}`);
  });
});

describe('container_list across engines', () => {
  it('lists every engine with an ENGINE column and reports the one that is down', async () => {
    const result = await call(session, 'container_list', {
      engine: '*',
      all: true,
      filters: { label: [FILE_LABEL] },
    });
    const data = dataOf<ListData>(result);
    expect(data.columns[0]).toBe('engine');
    expect(
      listedRows(result)
        .map(({ name, engine }) => ({ name, engine }))
        .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '')),
    ).toEqual(
      [
        { name: onDocker.name, engine: 'docker' },
        { name: onPodman.name, engine: 'podman' },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(data.total).toBe(2);
    expect(data.engines).toEqual([
      { name: 'docker', total: 1 },
      { name: 'podman', total: 1 },
      { name: 'down', error: expect.stringContaining('cannot reach') as string },
    ]);
    const text = textOf(result);
    expect(text).toMatch(/^ENGINE\s+ID\s+NAME/m);
    expect(text).toMatch(/Engine "down" .* could not be listed/);
  });

  it('lists one engine when named', async () => {
    const result = await call(session, 'container_list', {
      engine: 'podman',
      filters: { label: [FILE_LABEL] },
    });
    expect(listedNames(result)).toEqual([onPodman.name]);
  });
});

describe('resources with several engines', () => {
  it('carry the engine in the URI', async () => {
    const listing = await read(`container://podman/${onPodman.name}/`);
    const text =
      listing.contents[0] && 'text' in listing.contents[0] ? listing.contents[0].text : '';
    expect(text).toMatch(/\bbin\b/);

    await expect(read(`container://docker/${onPodman.name}/`)).rejects.toThrow(/No such container/);
    await expect(read(`container://nope/${onPodman.name}/`)).rejects.toThrow(
      /unknown engine "nope".*"docker", "podman", "down"/,
    );
  });

  it('are what tools link to', async () => {
    const archive = dataOf<{ uri: string }>(
      await call(session, 'container_archive', {
        id: onPodman.name,
        path: '/bin',
        engine: 'podman',
      }),
    );
    expect(archive.uri).toBe(`container://podman/${encodeURIComponent(onPodman.name)}/bin`);
    const missing = await call(session, 'container_archive_info', {
      id: onPodman.name,
      path: '/nope/x',
      engine: 'podman',
    });
    expect(textOf(missing)).toContain(`"engine": "podman"`);
    expect(textOf(missing)).toContain(
      `container://podman/${encodeURIComponent(onPodman.name)}/nope`,
    );
  });

  it('are listed per engine', async () => {
    const { resources } = await session.client.listResources();
    const uris = resources.map((r) => r.uri);
    expect(uris).toContain(`container://docker/${onDocker.name}/`);
    expect(uris).toContain(`container://podman/${encodeURIComponent(onPodman.name)}/`);
  });
});
