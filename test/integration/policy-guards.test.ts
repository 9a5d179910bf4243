/**
 * What container_create may ask of the host, through a real client against the real engine
 * (create only: no container here is ever started). Each class of the issue is refused with
 * default flags, with the field, the value and the flag that allows it, and nothing is
 * created; and allowed with that flag, the engine then holding what was asked.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
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
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

let strict: Session;
let privileged: Session;
let binder: Session;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'cmcp-bind-'));
  mkdirSync(join(root, 'sub'));
  mkdirSync(join(root, 'shared'));
  symlinkSync('/etc', join(root, 'escape'));
  [strict, privileged, binder] = await Promise.all([
    startServer(),
    startServer({ args: ['--allow-privileged'] }),
    startServer({ args: ['--allow-bind', root] }),
  ]);
});
afterAll(async () => {
  await Promise.all([strict?.close(), privileged?.close(), binder?.close()]);
  await removeTestContainers();
  rmSync(root, { recursive: true, force: true });
});

async function create(session: Session, hostConfig: Record<string, unknown>) {
  const name = uniqueName('guard');
  const body = {
    Image: TEST_IMAGE,
    Labels: testLabels(),
    HostConfig: { NetworkMode: 'none', ...hostConfig },
  };
  return { name, result: await call(session, 'container_create', { name, body }) };
}

/** Refused with every expected line, and the engine has no such container. */
async function expectRefused(name: string, result: CallToolResult, lines: RegExp[]) {
  expect(result.isError, textOf(result)).toBe(true);
  const text = textOf(result);
  expect(text).toMatch(/^container_create refused by this server's policy: nothing was changed\./);
  for (const line of lines) expect(text).toMatch(line);
  expect(text.split('\n').length - 1).toBe(lines.length);
  expect(await inspect(name)).toBeUndefined();
}

async function expectCreated(name: string, result: CallToolResult) {
  dataOf(result);
  const made = await inspect(name);
  expect(made?.State.Status).toBe('created');
  return made?.HostConfig ?? {};
}

describe('what create may ask of the host', () => {
  it('1: an unmasked /proc (explicit MaskedPaths / ReadonlyPaths, even [])', async () => {
    const asked = { MaskedPaths: [], ReadonlyPaths: [] };
    const refused = await create(strict, asked);
    await expectRefused(refused.name, refused.result, [
      /^- body\.HostConfig\.MaskedPaths: \[\] replaces .*; refused unless the server runs with --allow-privileged$/m,
      /^- body\.HostConfig\.ReadonlyPaths: \[\] replaces .*; refused unless the server runs with --allow-privileged$/m,
    ]);
    const allowed = await create(privileged, asked);
    expect(await expectCreated(allowed.name, allowed.result)).toMatchObject(asked);
  });

  it('2: local volumes that mount anything but a tmpfs or an allowed bind', async () => {
    const procfs = {
      Mounts: [
        {
          Type: 'volume',
          Target: '/hostproc',
          VolumeOptions: {
            DriverConfig: { Name: 'local', Options: { type: 'proc', device: 'proc' } },
          },
        },
      ],
    };
    const refused = await create(strict, procfs);
    await expectRefused(refused.name, refused.result, [
      /^- body\.HostConfig\.Mounts\[0\]\.VolumeOptions\.DriverConfig\.Options: \{"type":"proc","device":"proc"\} mounts a filesystem .*--allow-privileged/m,
    ]);
    const bound = (device: string) => ({
      Mounts: [
        {
          Type: 'volume',
          Target: '/data',
          VolumeOptions: { DriverConfig: { Options: { type: 'none', o: 'bind', device } } },
        },
      ],
    });
    const outside = await create(binder, bound('/etc'));
    await expectRefused(outside.name, outside.result, [
      /Options: .* mounts the host path \/etc, outside the host roots this server may mount .*; refused unless the server runs with --allow-bind \/etc/,
    ]);
    const inside = await create(binder, bound(join(root, 'sub')));
    expect((await expectCreated(inside.name, inside.result)).Mounts).toEqual([
      expect.objectContaining({ Type: 'volume', Target: '/data' }),
    ]);
    const allowed = await create(privileged, procfs);
    await expectCreated(allowed.name, allowed.result);
  });

  describe('3: references carry their containers’ powers', () => {
    let bindsEtc: TestContainer;
    let bindsShared: TestContainer;
    let hostPid: TestContainer;
    let plain: TestContainer;
    beforeAll(async () => {
      // Containers someone else made (never started): what a reference would bring.
      [bindsEtc, bindsShared, hostPid, plain] = await Promise.all([
        createContainer({ start: false, hostConfig: { Binds: ['/etc:/host-etc:ro'] } }),
        createContainer({ start: false, hostConfig: { Binds: [`${join(root, 'shared')}:/s`] } }),
        createContainer({ start: false, hostConfig: { PidMode: 'host' } }),
        createContainer({ start: false }),
      ]);
    });

    it('VolumesFrom a container with a host bind needs what that bind would need', async () => {
      const refused = await create(strict, { VolumesFrom: [`${bindsEtc.name}:ro`] });
      await expectRefused(refused.name, refused.result, [
        new RegExp(
          `^- body\\.HostConfig\\.VolumesFrom\\[0\\]: "${bindsEtc.name}:ro" refers to "${bindsEtc.name}", which mounts the host path /etc, .*: this container would reach that too; refused unless the server runs with --allow-bind /etc`,
          'm',
        ),
      ]);
      const notEvenPrivileged = await create(privileged, { VolumesFrom: [bindsEtc.name] });
      expect(notEvenPrivileged.result.isError).toBe(true);
      const allowed = await create(binder, { VolumesFrom: [`${bindsShared.name}:ro`] });
      // Pinned to the container that was checked, whatever its name means later.
      expect((await expectCreated(allowed.name, allowed.result)).VolumesFrom).toEqual([
        `${bindsShared.id}:ro`,
      ]);
    });

    it('a "container:" namespace of a container in the host namespace needs --allow-privileged', async () => {
      const refused = await create(strict, { PidMode: `container:${hostPid.name}` });
      await expectRefused(refused.name, refused.result, [
        new RegExp(
          `^- body\\.HostConfig\\.PidMode: "container:${hostPid.name}" refers to "${hostPid.name}", which shares the host's PID namespace: this container would reach that too; refused unless the server runs with --allow-privileged`,
          'm',
        ),
        // The engine itself turns SELinux labels off for a container in the host's PID namespace.
        /which runs with security options "label=disable".*--allow-privileged/,
      ]);
      const allowed = await create(privileged, { PidMode: `container:${hostPid.name}` });
      await expectCreated(allowed.name, allowed.result);
      const ordinary = await create(strict, { IpcMode: `container:${plain.name}` });
      expect((await expectCreated(ordinary.name, ordinary.result)).IpcMode).toBe(
        `container:${plain.id}`,
      );
    });
  });

  it('4: security options that switch confinement off or loosen it', async () => {
    const permissive = 'seccomp={"defaultAction":"SCMP_ACT_ALLOW"}';
    const refused = await create(strict, {
      // A named AppArmor profile may be one of the host's unconfined ones: only the default.
      SecurityOpt: ['no-new-privileges', permissive, 'label=type:spc_t', 'apparmor=firefox'],
    });
    await expectRefused(refused.name, refused.result, [
      /^- body\.HostConfig\.SecurityOpt\[1\]: "seccomp=\{\\"defaultAction\\":\\"SCMP_ACT_ALLOW\\"\}" switches confinement .*--allow-privileged/m,
      /^- body\.HostConfig\.SecurityOpt\[2\]: "label=type:spc_t" switches confinement .*--allow-privileged/m,
      /^- body\.HostConfig\.SecurityOpt\[3\]: "apparmor=firefox" switches confinement .*--allow-privileged/m,
    ]);
    const kept = await create(strict, { SecurityOpt: ['no-new-privileges'] });
    expect((await expectCreated(kept.name, kept.result)).SecurityOpt).toEqual([
      'no-new-privileges',
    ]);
    const allowed = await create(privileged, { SecurityOpt: [permissive] });
    await expectCreated(allowed.name, allowed.result);
  });

  it('5: host effects no other flag controls (OOM, cgroup parent, log drivers that send)', async () => {
    const asked = {
      OomScoreAdj: -1000,
      CgroupParent: '/',
      LogConfig: { Type: 'syslog', Config: { 'syslog-address': 'udp://127.0.0.1:9' } },
    };
    const refused = await create(strict, asked);
    await expectRefused(refused.name, refused.result, [
      /^- body\.HostConfig\.OomScoreAdj: -1000 .*--allow-privileged \(safe: 0 to 1000\)$/m,
      /^- body\.HostConfig\.CgroupParent: "\/" .*--allow-privileged/m,
      /^- body\.HostConfig\.LogConfig\.Type: "syslog" sends the logs from the engine's host .*--allow-privileged/m,
      /^- body\.HostConfig\.LogConfig\.Config\["syslog-address"\]: "syslog-address" .*--allow-privileged/m,
    ]);
    const allowed = await create(privileged, asked);
    expect(await expectCreated(allowed.name, allowed.result)).toMatchObject({
      OomScoreAdj: -1000,
      LogConfig: { Type: 'syslog' },
    });
  });

  it.each([
    [{ Privileged: true }, 'Privileged: true'],
    [{ PidMode: 'host' }, 'PidMode: "host"'],
    [{ IpcMode: 'host' }, 'IpcMode: "host"'],
    [{ UTSMode: 'host' }, 'UTSMode: "host"'],
    [{ NetworkMode: 'host' }, 'NetworkMode: "host"'],
    [{ CapAdd: ['NET_ADMIN'] }, 'CapAdd[0]: "NET_ADMIN"'],
    [{ SecurityOpt: ['seccomp=unconfined'] }, 'SecurityOpt[0]: "seccomp=unconfined"'],
    [
      {
        Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/x', CgroupPermissions: 'rwm' }],
      },
      'Devices: [{"PathOnHost":"/dev/null"',
    ],
  ] as [Record<string, unknown>, string][])(
    'privileges: refuses %j by default, naming the field, the value and the flag',
    async (host, shown) => {
      const { name, result } = await create(strict, host);
      await expectRefused(name, result, [
        new RegExp(`^- body\\.HostConfig\\.${escape(shown)}.*--allow-privileged`, 'm'),
      ]);
    },
  );

  it('allows them with --allow-privileged, and the engine has what was asked', async () => {
    const asked = { Privileged: true, PidMode: 'host', CapAdd: ['NET_ADMIN'] };
    const { name, result } = await create(privileged, asked);
    expect(await expectCreated(name, result)).toMatchObject(asked);
  });

  it('holds host paths to the --allow-bind roots, after normalizing and symlinks', async () => {
    const cases: [Session, Record<string, unknown>, RegExp][] = [
      [
        strict,
        { Binds: [`${root}:/data`] },
        /Binds\[0\]: .* outside the host roots this server may mount \(none\)/,
      ],
      [
        strict,
        { Mounts: [{ Type: 'bind', Source: root, Target: '/data' }] },
        /Mounts\[0\]\.Source: /,
      ],
      [
        binder,
        { Binds: ['/etc:/host-etc:ro'] },
        /Binds\[0\]: "\/etc:\/host-etc:ro" mounts the host path \/etc, /,
      ],
      [binder, { Binds: [`${root}/../../etc:/x`] }, /mounts the host path \/etc \(from /],
      [binder, { Binds: [`${root}/escape:/x`] }, /mounts the host path \/etc \(from /],
    ];
    for (const [session, host, reason] of cases) {
      const { name, result } = await create(session, host);
      await expectRefused(name, result, [new RegExp(`${reason.source}.*--allow-bind`, 'm')]);
    }
  });

  it('allows binds under an --allow-bind root, and tmpfs mounts always', async () => {
    const { name, result } = await create(binder, {
      Binds: [`${root}:/data:ro`],
      Mounts: [{ Type: 'bind', Source: join(root, 'sub'), Target: '/sub' }],
    });
    const made = await expectCreated(name, result);
    expect(made.Binds).toEqual([`${root}:/data:ro`]);
    expect(made.Mounts).toEqual([
      expect.objectContaining({ Type: 'bind', Source: join(root, 'sub') }),
    ]);
    const volume = await create(strict, { Mounts: [{ Type: 'tmpfs', Target: '/scratch' }] });
    await expectCreated(volume.name, volume.result);
  });

  it('counts a named local volume bound to a host path for a restart policy (remounted at every restart, unchecked)', async () => {
    const volume = uniqueName('bound');
    const made = await docker('POST', '/volumes/create', {
      Name: volume,
      Labels: testLabels(),
      Driver: 'local',
      DriverOpts: { type: 'none', o: 'bind', device: join(root, 'shared') },
    });
    expect(made.status).toBe(201);
    const allowed = await create(binder, { Binds: [`${volume}:/v`] });
    try {
      for (const mounts of [
        { Binds: [`${volume}:/v`] },
        { Mounts: [{ Type: 'volume', Source: volume, Target: '/v' }] },
      ]) {
        const { name, result } = await create(binder, {
          ...mounts,
          RestartPolicy: { Name: 'always' },
        });
        await expectRefused(name, result, [
          /^- body\.HostConfig\.RestartPolicy\.Name: "always" .*\(this container mounts host paths\).*--allow-privileged/m,
        ]);
      }
      await expectCreated(allowed.name, allowed.result);
    } finally {
      await docker('DELETE', `/containers/${allowed.name}?force=1`);
      await docker('DELETE', `/volumes/${volume}`);
    }
  });
});

describe('an engine on another host (ssh://)', () => {
  let remote: Session;
  beforeAll(async () => {
    execFileSync(fileURLToPath(new URL('../../scripts/test-sshd.sh', import.meta.url)), {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const dir = process.env.CONTAINER_MCP_SSHD_DIR ?? '/tmp/container-mcp-sshd';
    remote = await startServer({
      args: ['--host', 'ssh://127.0.0.1:2222', '--allow-bind', root],
      env: { CONTAINER_MCP_SSH_COMMAND: `ssh -F ${dir}/ssh_config` },
    });
  });
  afterAll(() => remote?.close());

  it('says at start-up that host paths there cannot be checked, and refuses binds', async () => {
    expect(remote.stderr()).toMatch(
      /ssh:\/\/127\.0\.0\.1:2222\) is on another host: this server cannot resolve host paths there, so bind mounts on it are refused unless --allow-privileged/,
    );
    const { name, result } = await create(remote, { Binds: [`${join(root, 'sub')}:/data`] });
    await expectRefused(name, result, [
      /^- body\.HostConfig\.Binds\[0\]: .* is a path on the engine's own host \(ssh:\/\/127\.0\.0\.1:2222\), which this server cannot see to resolve; refused unless the server runs with --allow-privileged/m,
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
