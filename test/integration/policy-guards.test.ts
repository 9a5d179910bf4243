/**
 * The create guards through a real client against the real engine: each way of reaching the
 * host is refused by default (and nothing is created), and allowed with --allow-privileged
 * or under an --allow-bind root (and the engine shows what was asked for).
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inspect,
  removeTestContainers,
  TEST_IMAGE,
  testLabels,
  uniqueName,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

let strict: Session;
let permissive: Session;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cmcp-bind-'));
  mkdirSync(join(root, 'sub'));
  symlinkSync('/etc', join(root, 'escape'));
  [strict, permissive] = await Promise.all([
    startServer(),
    startServer({ args: ['--allow-privileged', '--allow-bind', root] }),
  ]);
});
afterAll(async () => {
  await Promise.all([strict?.close(), permissive?.close()]);
  await removeTestContainers();
  rmSync(root, { recursive: true, force: true });
});

function create(session: Session, hostConfig: Record<string, unknown>) {
  const name = uniqueName('guard');
  const body = {
    Image: TEST_IMAGE,
    Labels: testLabels(),
    HostConfig: { NetworkMode: 'none', ...hostConfig },
  };
  return call(session, 'container_create', { name, body }).then((result) => ({ name, result }));
}

const PRIVILEGED_CASES: [Record<string, unknown>, string][] = [
  [{ Privileged: true }, 'Privileged'],
  [{ PidMode: 'host' }, 'PidMode'],
  [{ IpcMode: 'host' }, 'IpcMode'],
  [{ UTSMode: 'host' }, 'UTSMode'],
  [{ NetworkMode: 'host' }, 'NetworkMode'],
  [{ CapAdd: ['NET_ADMIN'] }, 'CapAdd'],
  [{ SecurityOpt: ['seccomp=unconfined'] }, 'SecurityOpt'],
  [
    { Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/x', CgroupPermissions: 'rwm' }] },
    'Devices',
  ],
];

describe('create guards', () => {
  it.each(PRIVILEGED_CASES)(
    'refuse %j by default, naming the field and the flag',
    async (host, field) => {
      const { name, result } = await create(strict, host);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /^container_create refused by this server's policy: nothing was changed/,
      );
      expect(textOf(result)).toMatch(
        new RegExp(`body\\.HostConfig\\.${field}: .*--allow-privileged`),
      );
      expect(await inspect(name)).toBeUndefined();
    },
  );

  it('allow them with --allow-privileged, and the engine has what was asked', async () => {
    const asked = { Privileged: true, PidMode: 'host', CapAdd: ['NET_ADMIN'] };
    const { name, result } = await create(permissive, asked);
    dataOf(result);
    expect((await inspect(name))?.HostConfig).toMatchObject(asked);
  });

  it('refuse host bind mounts outside the --allow-bind roots, after normalizing and symlinks', async () => {
    const cases: [Session, Record<string, unknown>, RegExp][] = [
      [strict, { Binds: [`${root}:/data`] }, /Binds\[0\]: mounts the host path .* \(none\)/],
      [strict, { Mounts: [{ Type: 'bind', Source: root, Target: '/data' }] }, /Mounts\[0\]: /],
      [permissive, { Binds: ['/etc:/host-etc:ro'] }, /Binds\[0\]: mounts the host path \/etc, /],
      [permissive, { Binds: [`${root}/../../etc:/x`] }, /mounts the host path \/etc \(from /],
      [permissive, { Binds: [`${root}/escape:/x`] }, /mounts the host path \/etc \(from /],
    ];
    for (const [session, host, reason] of cases) {
      const { name, result } = await create(session, host);
      expect(result.isError, JSON.stringify(host)).toBe(true);
      expect(textOf(result)).toMatch(reason);
      expect(textOf(result)).toMatch(/--allow-bind/);
      expect(await inspect(name)).toBeUndefined();
    }
  });

  it('allow binds under an --allow-bind root, and tmpfs mounts always', async () => {
    const { name, result } = await create(permissive, {
      Binds: [`${root}:/data:ro`],
      Mounts: [{ Type: 'bind', Source: join(root, 'sub'), Target: '/sub' }],
    });
    dataOf(result);
    const made = await inspect(name);
    expect(made?.HostConfig.Binds).toEqual([`${root}:/data:ro`]);
    expect(made?.HostConfig.Mounts).toEqual([
      expect.objectContaining({ Type: 'bind', Source: join(root, 'sub') }),
    ]);
    const volume = await create(strict, { Mounts: [{ Type: 'tmpfs', Target: '/scratch' }] });
    dataOf(volume.result);
  });
});
