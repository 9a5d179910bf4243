/** container_list and container_inspect through a real MCP client against the real engine. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  FILE_LABEL,
  removeTestContainers,
  RUN_ID,
  TEST_LABEL,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

interface ListData {
  containers: {
    id: string;
    name: string;
    image: string;
    state: string;
    labels: Record<string, string>;
  }[];
  total: number;
  truncated: boolean;
}
interface InspectData {
  container: {
    id: string;
    name: string;
    state: { status: string; running: boolean };
    config: { labels: Record<string, string> };
  };
  raw?: Record<string, unknown>;
}

let session: Session;
let running: TestContainer;
let stopped: TestContainer;
// This file's containers only: other test files of the run make containers in parallel.
const runLabel = FILE_LABEL;

beforeAll(async () => {
  [running, stopped] = await Promise.all([
    createContainer({ labels: { role: 'web' } }),
    createContainer({ labels: { role: 'batch' }, start: false }),
  ]);
  session = await startServer();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

describe('container_list', () => {
  it('shows a running container by name, with a readable table', async () => {
    const result = await call(session, 'container_list', { filters: { label: [runLabel] } });
    const data = dataOf<ListData>(result);
    expect(data.containers.map((c) => c.name)).toEqual([running.name]);
    expect(data.containers[0]).toMatchObject({
      id: running.id.slice(0, 12),
      image: 'busybox:local',
      state: 'running',
    });
    expect(textOf(result)).toMatch(
      /^1 container \(running containers, filtered\)\nID +NAME +IMAGE +STATE +STATUS +PORTS/,
    );
    expect(textOf(result)).toContain(running.name);
  });

  it('includes stopped containers with all: true', async () => {
    const data = dataOf<ListData>(
      await call(session, 'container_list', { all: true, filters: { label: [runLabel] } }),
    );
    expect(data.containers.map((c) => c.name).sort()).toEqual([running.name, stopped.name].sort());
  });

  it("filters by label (key=value), as an object or as the API's JSON string", async () => {
    const byObject = dataOf<ListData>(
      await call(session, 'container_list', {
        all: true,
        filters: { label: [runLabel, 'role=batch'] },
      }),
    );
    expect(byObject.containers.map((c) => c.name)).toEqual([stopped.name]);
    const byString = dataOf<ListData>(
      await call(session, 'container_list', {
        all: true,
        filters: JSON.stringify({ label: [runLabel, 'role=batch'] }),
      }),
    );
    expect(byString.containers.map((c) => c.name)).toEqual([stopped.name]);
    const single = dataOf<ListData>(
      await call(session, 'container_list', {
        all: true,
        filters: { label: runLabel, status: 'created' },
      }),
    );
    expect(single.containers.map((c) => c.name)).toEqual([stopped.name]);
  });

  it('says so when nothing matches', async () => {
    const result = await call(session, 'container_list', {
      filters: { label: [`${TEST_LABEL}=no-such-run`] },
    });
    expect(dataOf<ListData>(result)).toEqual({ containers: [], total: 0, truncated: false });
    expect(textOf(result)).toBe(
      'No containers match (running containers, filtered). Pass all: true to include stopped ones.',
    );
  });

  it('refuses an unknown filter with a suggestion, before the engine sees it', async () => {
    const result = await call(session, 'container_list', { filters: { lable: ['x'] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('filters.lable: unknown field (did you mean "label"?)');
  });

  it('refuses a bad status value, listing the valid ones', async () => {
    const result = await call(session, 'container_list', { filters: { status: ['stoped'] } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /filters\.status\[0\]: must be one of "created", "restarting", "running"/,
    );
  });

  it('refuses a JSON filter string that is not JSON', async () => {
    const result = await call(session, 'container_list', { filters: '{status: exited}' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('filters: is a string but not valid JSON');
  });

  it('names a mistyped argument and the field it probably meant', async () => {
    const result = await call(session, 'container_list', { alll: true });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('alll: unknown field (did you mean "all"?)');
    const wrongType = await call(session, 'container_list', { limit: 'ten' });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toContain('limit: expected number, received string');
  });
});

describe('container_inspect', () => {
  it('resolves a name', async () => {
    const result = await call(session, 'container_inspect', { id: running.name });
    const data = dataOf<InspectData>(result);
    expect(data.container).toMatchObject({
      id: running.id,
      name: running.name,
      state: { status: 'running', running: true },
    });
    expect(data.container.config.labels).toMatchObject({ role: 'web', [TEST_LABEL]: RUN_ID });
    expect(data.raw).toBeUndefined();
    expect(textOf(result)).toMatch(
      new RegExp(
        `^${running.name} \\(${running.id.slice(0, 12)}\\), image busybox:local\\nState: running, up`,
      ),
    );
  });

  it('resolves a short id prefix', async () => {
    const data = dataOf<InspectData>(
      await call(session, 'container_inspect', { id: stopped.id.slice(0, 10) }),
    );
    expect(data.container).toMatchObject({
      id: stopped.id,
      name: stopped.name,
      state: { status: 'created', running: false },
    });
  });

  it('returns the whole engine document with full: true', async () => {
    const data = dataOf<InspectData>(
      await call(session, 'container_inspect', { id: running.name, full: true }),
    );
    expect(data.raw).toMatchObject({ Id: running.id, HostConfig: { NetworkMode: 'none' } });
  });

  it('answers an unknown container with the engine\'s "No such container" and what to do', async () => {
    const result = await call(session, 'container_inspect', { id: `nope-${RUN_ID}` });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`No such container: nope-${RUN_ID}`);
    expect(textOf(result)).toContain('HTTP 404');
    expect(textOf(result)).toMatch(/Next: Check the name or id with container_list/);
  });

  it('refuses an id that cannot be a container reference', async () => {
    const result = await call(session, 'container_inspect', { id: 'my web server' });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Invalid arguments for container_inspect:\n- id: must be a container name/,
    );
    const missing = await call(session, 'container_inspect', {});
    expect(textOf(missing)).toContain('- id: required (string)');
  });
});
