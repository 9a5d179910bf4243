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
import { listedNames, listedRows } from '../helpers/rows.js';

interface ListData {
  total: number;
  columns: string[];
  containers: string[][];
  left_out?: string;
  next?: string;
}
interface InspectData {
  container: {
    id: string;
    name: string;
    state: { status: string; pid?: number; exit_code?: number };
    config: { labels: Record<string, string>; tty?: true };
    host_config: { privileged?: true; network_mode: string };
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
    const result = await call(session, 'container_list', { filters: { name: [running.name] } });
    const data = dataOf<ListData>(result);
    // The column names once, then one row of values per container (ports only when any).
    expect(data.columns).toEqual(['id', 'name', 'image', 'state', 'status']);
    expect(listedNames(result)).toEqual([running.name]);
    expect(listedRows(result)[0]).toMatchObject({
      id: running.id.slice(0, 12),
      image: 'busybox:local',
      state: 'running',
    });
    expect(JSON.stringify(data)).not.toContain('role'); // no labels unless asked
    expect(textOf(result)).toMatch(
      /^1 container \(running containers, filtered\)\nID +NAME +IMAGE +STATE +STATUS +PORTS/,
    );
    expect(textOf(result)).toContain(running.name);
  });

  it('includes stopped containers with all: true', async () => {
    const result = await call(session, 'container_list', {
      all: true,
      filters: { label: [runLabel] },
    });
    expect(listedNames(result).sort()).toEqual([running.name, stopped.name].sort());
  });

  it('shows the labels a label filter names, and every label with labels: true', async () => {
    const filtered = await call(session, 'container_list', {
      all: true,
      filters: { label: [runLabel, 'role'] },
    });
    const [key] = runLabel.split('=');
    const byName = Object.fromEntries(listedRows(filtered).map((row) => [row.name, row.labels]));
    expect(byName).toEqual({
      [running.name]: `${runLabel}, role=web`,
      [stopped.name]: `${runLabel}, role=batch`,
    });
    expect(textOf(filtered)).toMatch(/ LABELS\n/);
    expect(textOf(filtered)).toContain(`${key}=`);
    const every = listedRows(
      await call(session, 'container_list', { labels: true, filters: { label: [runLabel] } }),
    );
    expect(every[0]?.labels).toContain(`${TEST_LABEL}=${RUN_ID}`);
    expect(every[0]?.labels).toContain('role=web');
  });

  it("filters by label (key=value), as an object or as the API's JSON string", async () => {
    const byObject = dataOf<ListData>(
      await call(session, 'container_list', {
        all: true,
        filters: { label: [runLabel, 'role=batch'] },
      }),
    );
    expect(byObject.containers.map((row) => row[1])).toEqual([stopped.name]);
    const byString = await call(session, 'container_list', {
      all: true,
      filters: JSON.stringify({ label: [runLabel, 'role=batch'] }),
    });
    expect(listedNames(byString)).toEqual([stopped.name]);
    const single = await call(session, 'container_list', {
      all: true,
      filters: { label: runLabel, status: 'created' },
    });
    expect(listedNames(single)).toEqual([stopped.name]);
  });

  it('says so when nothing matches', async () => {
    const result = await call(session, 'container_list', {
      filters: { label: [`${TEST_LABEL}=no-such-run`] },
    });
    expect(dataOf<ListData>(result)).toEqual({
      total: 0,
      columns: [],
      containers: [],
      next: 'Pass all: true to include stopped ones.',
    });
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
      id: running.id.slice(0, 12),
      name: running.name,
      state: { status: 'running', pid: expect.any(Number) as number },
    });
    // Defaults and empty values are left out, as the text leaves them out.
    expect(data.container.config.tty).toBeUndefined();
    expect(data.container.host_config).toEqual({ network_mode: 'none', restart_policy: 'no' });
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
      id: stopped.id.slice(0, 12),
      name: stopped.name,
      state: { status: 'created' },
    });
    expect(data.container.state.pid).toBeUndefined();
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
