/**
 * Host paths judged as the party that resolves them would, played out as the issue's attack:
 * the server runs in its --allow-bind root (clients start servers in the project folder), so
 * /proc/self/cwd is that root for the server, but the engine mounts what it means for its
 * own process (the host's root). Every spelling that goes through a process-relative tree is
 * refused (at create, at every start, and as a root), whatever the server's working directory;
 * so is a ".." after a symlink that the kernel and a lexical cleaner read differently. Host
 * device paths (Devices, the block I/O limits) need --allow-privileged, and even then never
 * a process-relative one.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  inspect,
  removeTestContainers,
  TEST_IMAGE,
  testLabels,
  uniqueName,
} from '../helpers/docker.js';
import { call, dataOf, runCli, startServer, textOf, type Session } from '../helpers/mcp.js';

let inRoot: Session;
let privileged: Session;
let root: string;
const volumes: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cmcp-cwd-'));
  mkdirSync(join(root, 'ok'));
  symlinkSync('/proc/self/cwd', join(root, 'cwd-link'));
  symlinkSync('/proc/self/root', join(root, 'root-link'));
  symlinkSync('/dev/stdin', join(root, 'stdin-link'));
  // A link to a directory outside: "link/.." is the root lexically, /etc by the kernel.
  symlinkSync('/etc/ssl', join(root, 'up'));
  [inRoot, privileged] = await Promise.all([
    startServer({ args: ['--allow-bind', root], cwd: root }),
    startServer({ args: ['--allow-bind', root, '--allow-privileged'], cwd: root }),
  ]);
});
afterAll(async () => {
  await Promise.all([inRoot?.close(), privileged?.close()]);
  await removeTestContainers();
  await Promise.all(volumes.map((name) => docker('DELETE', `/volumes/${name}`)));
  rmSync(root, { recursive: true, force: true });
});

async function create(session: Session, host: Record<string, unknown>) {
  const name = uniqueName('cwd');
  const body = {
    Image: TEST_IMAGE,
    Cmd: ['sleep', '60'],
    Labels: testLabels(),
    HostConfig: { NetworkMode: 'none', ...host },
  };
  return { name, result: await call(session, 'container_create', { name, body }) };
}

async function expectRefused(name: string, result: CallToolResult, line: RegExp) {
  expect(result.isError, textOf(result)).toBe(true);
  expect(textOf(result)).toMatch(/^container_create refused by this server's policy/);
  expect(textOf(result)).toMatch(line);
  expect(await inspect(name)).toBeUndefined();
}

const PROCESS_RELATIVE = /goes through \/proc.*for its own process, not what this server sees/;

describe('host paths that mean something else for the engine', () => {
  it.each([
    ['/proc/self/cwd', PROCESS_RELATIVE],
    ['/proc/thread-self/cwd', PROCESS_RELATIVE],
    ['//proc//self/./cwd/', PROCESS_RELATIVE],
    ['/proc/self/cwd/.', PROCESS_RELATIVE],
    ['/proc/1/root', PROCESS_RELATIVE],
    ['ROOT/../../proc/self/cwd', PROCESS_RELATIVE],
    ['ROOT/cwd-link', /goes through \/proc \(a symlink on the way leads to \/proc\)/],
    ['ROOT/root-link/etc', /goes through \/proc \(a symlink on the way leads to \/proc\)/],
    ['ROOT/stdin-link', /goes through \/dev\/stdin \(a symlink on the way/],
    ['/dev/stdin', /goes through \/dev\/stdin, /],
    ['/dev/fd/0', /goes through \/dev\/fd, /],
    ['/sys/fs/cgroup', /goes through \/sys, which the kernel generates/],
    ['proc/self/cwd', /is not an absolute path: the engine would resolve it from its own/],
  ])('Binds %s is refused', async (spelled, reason) => {
    const source = spelled.replace('ROOT', root);
    const { name, result } = await create(inRoot, { Binds: [`${source}:/host`] });
    await expectRefused(name, result, reason);
  });

  it('as a bind Mount, and with --allow-privileged too', async () => {
    for (const [session, source] of [
      [inRoot, '/proc/thread-self/cwd'],
      [privileged, join(root, 'cwd-link', '.')],
    ] as const) {
      const { name, result } = await create(session, {
        Mounts: [{ Type: 'bind', Source: source, Target: '/host' }],
      });
      await expectRefused(name, result, /Mounts\[0\]\.Source: .* goes through \/proc/);
    }
  });

  it.each([
    ['/proc/self/cwd', PROCESS_RELATIVE],
    ['ROOT/cwd-link', /goes through \/proc \(a symlink/],
    ['etc', /is not an absolute path/],
    ['ROOT/up/..', /mounts the host path \/etc \(from "ROOT\/up\/\.\."\), outside/],
  ])('a local volume bound to %s is refused', async (device, reason) => {
    const volume = uniqueName('vol');
    const { name, result } = await create(inRoot, {
      Mounts: [
        {
          Type: 'volume',
          Source: volume,
          Target: '/host',
          VolumeOptions: {
            DriverConfig: {
              Name: 'local',
              Options: { type: 'none', o: 'bind', device: device.replace('ROOT', root) },
            },
          },
        },
      ],
    });
    await expectRefused(name, result, new RegExp(reason.source.replaceAll('ROOT', root)));
    expect((await docker('GET', `/volumes/${volume}`)).status).toBe(404);
  });

  it("refuses a directory with the kernel's proc mounted beneath it (a bind brings it along)", async () => {
    const everything = await startServer({ args: ['--allow-bind', '/'] });
    try {
      const { name, result } = await create(everything, { Binds: ['/:/host:ro'] });
      await expectRefused(
        name,
        result,
        /mounts \/, beneath which the kernel's (proc|sysfs) filesystem is mounted \(at \/(proc|sys)\)/,
      );
    } finally {
      await everything.close();
    }
  });

  it('still allows the root itself, by its real path', async () => {
    const { name, result } = await create(inRoot, { Binds: [`${join(root, 'ok')}:/data`] });
    dataOf(result);
    expect((await inspect(name))?.State.Status).toBe('created');
  });

  it('refuses at start a container made elsewhere that binds /proc/self/cwd', async () => {
    const made = await createContainer({
      start: false,
      hostConfig: { Binds: ['/proc/self/cwd:/host'] },
    });
    const result = await call(inRoot, 'container_start', { id: made.name });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^container_start refused by this server's policy: nothing was changed\. The host paths .* checked again at every start/,
    );
    expect(textOf(result)).toMatch(
      /HostConfig\.Binds\[0\]: "\/proc\/self\/cwd" goes through \/proc/,
    );
    expect((await inspect(made.id))?.State.Status).toBe('created');
  });

  it('refuses at start a named volume someone bound to /proc/self/cwd', async () => {
    const volume = uniqueName('cwdvol');
    volumes.push(volume);
    const made = await docker('POST', '/volumes/create', {
      Name: volume,
      Labels: testLabels(),
      DriverOpts: { type: 'none', o: 'bind', device: '/proc/self/cwd' },
    });
    expect(made.status).toBe(201);
    const { name, result } = await create(inRoot, { Binds: [`${volume}:/host`] });
    dataOf(result);
    const started = await call(inRoot, 'container_start', { id: name });
    expect(started.isError).toBe(true);
    expect(textOf(started)).toMatch(
      new RegExp(`volume ${volume} at /host\\): "/proc/self/cwd" goes through /proc`),
    );
    expect((await inspect(name))?.State.Status).toBe('created');
  });
});

describe('--allow-bind roots are judged the same way', () => {
  it.each([['/proc/self/cwd'], ['/proc/thread-self/cwd/'], ['ROOT/cwd-link'], ['/dev/fd']])(
    '--allow-bind %s stops the server at start-up',
    async (spelled) => {
      const value = spelled.replace('ROOT', root);
      const run = await runCli(['--allow-bind', value, '--check']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--allow-bind "${value}" goes through /`);
      expect(run.stderr).toContain("give the directory's real path");
    },
  );
});

describe('host device paths need --allow-privileged', () => {
  const FIELDS = [
    'BlkioWeightDevice',
    'BlkioDeviceReadBps',
    'BlkioDeviceWriteBps',
    'BlkioDeviceReadIOps',
    'BlkioDeviceWriteIOps',
  ];
  const limit = (field: string, path: string) =>
    field === 'BlkioWeightDevice' ? { Path: path, Weight: 100 } : { Path: path, Rate: 1048576 };

  it.each(FIELDS)('%s is refused at create without it', async (field) => {
    const { name, result } = await create(inRoot, { [field]: [limit(field, '/dev/null')] });
    await expectRefused(
      name,
      result,
      new RegExp(
        `^- body\\.HostConfig\\.${field}: .* names a device by its path on the engine's host; refused unless the server runs with --allow-privileged`,
        'm',
      ),
    );
  });

  // The update schema keeps them out (the engine ignores them on an existing container).
  it('and are never taken by update', async () => {
    const made = await createContainer({ start: false });
    for (const field of ['BlkioDeviceWriteBps', 'BlkioWeightDevice']) {
      const result = await call(inRoot, 'container_update', {
        id: made.name,
        update: { [field]: [limit(field, '/dev/null')] },
      });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(`update.${field}: cannot be changed on an existing`);
    }
    expect((await inspect(made.id))?.HostConfig.BlkioDeviceWriteBps ?? []).toEqual([]);
  });

  it('with it, never a process-relative path, for devices and limits alike', async () => {
    for (const host of [
      { BlkioDeviceReadBps: [limit('BlkioDeviceReadBps', '/dev/fd/0')] },
      { Devices: [{ PathOnHost: '/proc/self/fd/0', PathInContainer: '/dev/x' }] },
      { BlkioDeviceWriteIOps: [limit('BlkioDeviceWriteIOps', join(root, 'stdin-link'))] },
      // Volume options only --allow-privileged allows (an option a plain bind does not take).
      {
        Mounts: [
          {
            Type: 'volume',
            Source: uniqueName('privvol'),
            Target: '/host',
            VolumeOptions: {
              DriverConfig: {
                Options: { type: 'none', o: 'bind,noatime', device: '/proc/self/cwd' },
              },
            },
          },
        ],
      },
    ]) {
      const { name, result } = await create(privileged, host);
      await expectRefused(name, result, /goes through \/(proc|dev\/fd|dev\/stdin)/);
    }
  });
});
