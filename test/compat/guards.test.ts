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
let noDestructive: Session;
let byDefault: Session;
let plain: TestContainer;
let hostPid: TestContainer;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cmcp-compat-'));
  [session, noDestructive, byDefault] = await Promise.all([
    startServer({ args: ['--allow-bind', root], cwd: root }),
    startServer({ args: ['--no-destructive'] }),
    startServer({ args: ['--confirm', 'destructive'] }),
  ]);
  [plain, hostPid] = await Promise.all([
    createContainer(),
    createContainer({ start: false, hostConfig: { PidMode: 'host' } }),
  ]);
});
afterAll(async () => {
  await Promise.all([session, noDestructive, byDefault].map((s) => s?.close()));
  await removeTestContainers();
  rmSync(root, { recursive: true, force: true });
});

async function create(host: Record<string, unknown>, on: Session = session) {
  const name = uniqueName('guarded');
  const body = {
    Image: TEST_IMAGE,
    Cmd: ['sleep', '60'],
    Labels: testLabels(),
    HostConfig: { ...(await testHostConfig()), ...host },
  };
  return { name, result: await call(on, 'container_create', { name, body }) };
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

describe('host paths as the engine resolves them, on this engine', () => {
  it.each(['/proc/self/cwd', '/proc/thread-self/cwd', '/dev/stdin'])(
    'refuse %s (the server runs in its --allow-bind root)',
    async (source) => {
      for (const host of [
        { Binds: [`${source}:/host`] },
        {
          Mounts: [
            {
              Type: 'volume',
              Source: uniqueName('cwd'),
              Target: '/host',
              VolumeOptions: {
                DriverConfig: { Options: { type: 'none', o: 'bind', device: source } },
              },
            },
          ],
        },
      ]) {
        const { name, result } = await create(host);
        expect(result.isError).toBe(true);
        expect(textOf(result)).toMatch(/goes through \/(proc|dev\/stdin), /);
        expect(await inspect(name)).toBeUndefined();
      }
    },
  );
});

describe('a create that reaches into another container, on this engine', () => {
  it('is refused under --no-destructive, and reads only when read-only', async () => {
    for (const host of [{ PidMode: `container:${plain.name}` }, { VolumesFrom: [plain.name] }]) {
      const { name, result } = await create(host, noDestructive);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/Reaching into another container is acting on it/);
      expect(textOf(result)).toContain(`"${plain.name}"`);
      expect(await inspect(name)).toBeUndefined();
    }
    dataOf((await create({ VolumesFrom: [`${plain.name}:ro`] }, noDestructive)).result);
  });

  it('asks first by default, naming the container it joins', async () => {
    const { name, result } = await create({ PidMode: `container:${plain.name}` }, byDefault);
    expect(result.isError).toBe(true);
    const preview = (result.structuredContent as { preview: string }).preview;
    expect(preview).toMatch(
      new RegExp(`- ${plain.name} \\([0-9a-f]{12}, .*PidMode joins its PID namespace`),
    );
    expect(await inspect(name)).toBeUndefined();
  });
});
