import { describe, expect, it } from 'vitest';
import { isWithin } from '../../src/containers/host-paths.js';
import {
  createGuardProblems,
  updateGuardProblems,
  type GuardedHostConfig,
  type GuardPolicy,
} from '../../src/safety/policy/create-guards.js';

const strict: GuardPolicy = { allowPrivileged: false, allowBinds: [] };
const problems = (host: GuardedHostConfig, policy = strict) => createGuardProblems(host, policy);

describe('create guards', () => {
  it('let an ordinary container through', () => {
    expect(
      problems({
        NetworkMode: 'none',
        PidMode: 'container:db',
        Binds: ['data:/data', 'cache:/cache:ro'],
        Mounts: [{ Type: 'volume', Source: 'v' }, { Type: 'tmpfs' }],
        CapAdd: [],
        SecurityOpt: ['no-new-privileges'],
      }),
    ).toEqual([]);
    expect(createGuardProblems(undefined, strict)).toEqual([]);
  });

  it.each([
    [{ Privileged: true }, /^body\.HostConfig\.Privileged: .*--allow-privileged/],
    [{ PidMode: 'host' }, /^body\.HostConfig\.PidMode: "host" .*--allow-privileged/],
    [{ IpcMode: 'host' }, /^body\.HostConfig\.IpcMode: /],
    [{ UTSMode: 'host' }, /^body\.HostConfig\.UTSMode: /],
    [{ NetworkMode: 'host' }, /^body\.HostConfig\.NetworkMode: /],
    [{ UsernsMode: 'host' }, /^body\.HostConfig\.UsernsMode: /],
    [{ CgroupnsMode: 'host' }, /^body\.HostConfig\.CgroupnsMode: /],
    [{ CapAdd: ['NET_ADMIN'] }, /^body\.HostConfig\.CapAdd: adding capabilities \(NET_ADMIN\)/],
    [
      { SecurityOpt: ['seccomp=unconfined'] },
      /^body\.HostConfig\.SecurityOpt: "seccomp=unconfined"/,
    ],
    [{ SecurityOpt: ['label:disable'] }, /SecurityOpt/],
    [{ Devices: [{ PathOnHost: '/dev/fuse' }] }, /^body\.HostConfig\.Devices: host devices/],
    [{ DeviceRequests: [{ Count: -1 }] }, /^body\.HostConfig\.DeviceRequests: /],
    [{ DeviceCgroupRules: ['c 1:3 rwm'] }, /^body\.HostConfig\.DeviceCgroupRules: /],
  ] as [GuardedHostConfig, RegExp][])('refuses %j unless --allow-privileged', (host, reason) => {
    expect(problems(host)).toEqual([expect.stringMatching(reason)]);
    expect(problems(host, { allowPrivileged: true, allowBinds: [] })).toEqual([]);
  });

  it('refuses host paths outside the --allow-bind roots, comparing normalized paths', () => {
    const host = {
      Binds: ['/etc:/host-etc:ro', '/data/../etc:/x', '/data/sub:/y', 'named:/z'],
      Mounts: [
        { Type: 'bind', Source: '/data2' },
        { Type: 'bind', Source: '/data' },
        {
          Type: 'volume',
          Source: 'sneaky',
          VolumeOptions: {
            DriverConfig: { Options: { type: 'none', o: 'bind', device: '/root' } },
          },
        },
      ],
    };
    const found = problems(host, { allowPrivileged: true, allowBinds: ['/data'] });
    expect(found).toEqual([
      expect.stringMatching(
        /^body\.HostConfig\.Binds\[0\]: mounts the host path \/etc, .*\(\/data\); start the server with --allow-bind \/etc/,
      ),
      expect.stringMatching(
        /^body\.HostConfig\.Binds\[1\]: mounts the host path \/etc \(from "\/data\/\.\.\/etc"\)/,
      ),
      expect.stringMatching(/^body\.HostConfig\.Mounts\[0\]: mounts the host path \/data2/),
      expect.stringMatching(/^body\.HostConfig\.Mounts\[2\]: mounts the host path \/root/),
    ]);
    expect(problems({ Binds: ['/srv:/srv'] })[0]).toMatch(/may mount \(none\)/);
  });

  it('follows symlinks through the resolver it is given', () => {
    const resolve = (path: string) => path.replace(/^\/data\/link/, '/etc');
    expect(
      createGuardProblems(
        { Binds: ['/data/link/x:/x'] },
        { allowPrivileged: false, allowBinds: ['/data'] },
        resolve,
      ),
    ).toEqual([expect.stringMatching(/host path \/etc\/x \(from "\/data\/link\/x"\)/)]);
  });

  it('guards container_update devices too', () => {
    expect(updateGuardProblems({ Devices: [{}] }, strict)).toEqual([
      expect.stringMatching(/^update\.Devices: /),
    ]);
    expect(
      updateGuardProblems({ Devices: [{}] }, { allowPrivileged: true, allowBinds: [] }),
    ).toEqual([]);
  });

  it('isWithin is about whole path parts', () => {
    expect(isWithin('/data', '/data')).toBe(true);
    expect(isWithin('/data/x', '/data')).toBe(true);
    expect(isWithin('/data2', '/data')).toBe(false);
    expect(isWithin('/anything', '/')).toBe(true);
  });
});
