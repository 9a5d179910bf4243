/**
 * The host guards read each engine's own inspect documents (Podman's differ: "private"
 * namespaces, null masked paths, its own runtime name): an ordinary container may be referred
 * to and started on either engine, and one in the host's PID namespace may not be shared.
 * Create only for what a guard refuses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  inspect,
  removeTestContainers,
  TEST_IMAGE,
  testHostConfig,
  testLabels,
  uniqueName,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

let session: Session;
let plain: TestContainer;
let hostPid: TestContainer;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cmcp-compat-'));
  session = await startServer({ args: ['--allow-bind', root] });
  [plain, hostPid] = await Promise.all([
    createContainer(),
    createContainer({ start: false, hostConfig: { PidMode: 'host' } }),
  ]);
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
  rmSync(root, { recursive: true, force: true });
});

async function create(host: Record<string, unknown>) {
  const name = uniqueName('guarded');
  const body = {
    Image: TEST_IMAGE,
    Cmd: ['sleep', '60'],
    Labels: testLabels(),
    HostConfig: { ...(await testHostConfig()), ...host },
  };
  return { name, result: await call(session, 'container_create', { name, body }) };
}

describe('host guards on this engine', () => {
  it('let an ordinary container be referred to, and start one with an allowed bind', async () => {
    const { name, result } = await create({
      PidMode: `container:${plain.name}`,
      VolumesFrom: [plain.name],
      Binds: [`${root}:/data`],
    });
    dataOf(result);
    const started = dataOf<{ container: { running: boolean } }>(
      await call(session, 'container_start', { id: name }),
    );
    expect(started.container.running).toBe(true);
  });

  it('refuse sharing the namespace of a container in the host PID namespace', async () => {
    const { name, result } = await create({ PidMode: `container:${hostPid.name}` });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("which shares the host's PID namespace");
    expect(await inspect(name)).toBeUndefined();
  });
});
