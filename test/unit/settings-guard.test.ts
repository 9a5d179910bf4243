/**
 * The create and update guards on their own, with scripted engine facts: each way a body
 * can reach the host is refused by default with its field, its value and the flag that
 * allows it, and allowed with that flag; ordinary bodies pass untouched.
 */
import { describe, expect, it } from 'vitest';
import type { ContainerInspect } from '../../src/engine/index.js';
import type { GuardFacts } from '../../src/safety/policy/guard-facts.js';
import { isWithin } from '../../src/containers/host-paths.js';
import type { GuardPolicy } from '../../src/safety/policy/host-path.js';
import { guardCreate, guardUpdate } from '../../src/safety/policy/settings-guard.js';
import { keepsConfinement } from '../../src/safety/policy/settings-special.js';
import { hostPathsNow } from '../../src/safety/policy/start-guard.js';

const strict: GuardPolicy = { allowPrivileged: false, allowBinds: [] };
const privileged: GuardPolicy = { allowPrivileged: true, allowBinds: [] };

function container(name: string, host: Record<string, unknown> = {}, mounts: unknown[] = []) {
  return {
    Id: `${name}-full-id`,
    Name: `/${name}`,
    Config: { Labels: {} },
    HostConfig: host,
    Mounts: mounts,
  } as unknown as ContainerInspect;
}

const CONTAINERS: Record<string, ContainerInspect> = {
  plain: container('plain', { NetworkMode: 'none', IpcMode: 'private' }),
  hostpid: container('hostpid', { PidMode: 'host' }),
  priv: container('priv', { Privileged: true }),
  binder: container('binder', { Binds: ['/etc:/etc-host'] }, [
    { Type: 'bind', Source: '/etc', Destination: '/etc-host' },
  ]),
  unmasked: container('unmasked', { MaskedPaths: [], ReadonlyPaths: [] }),
  chained: container('chained', { PidMode: 'container:hostpid' }),
  caps: container('caps', { CapAdd: ['CHOWN', 'SYS_ADMIN'] }),
  devices: container('devices', { Devices: [{ PathOnHost: '/dev/kmsg' }] }),
};

const facts = (resolve = (path: string) => path): GuardFacts => ({
  hostPaths: { local: true, resolve },
  container: (id) => Promise.resolve(CONTAINERS[id]),
  networkDriver: (name) =>
    Promise.resolve(
      (
        {
          host: 'host',
          a836423dc78a: 'host',
          bridge: 'bridge',
          none: 'null',
          mine: 'bridge',
        } as Record<string, string>
      )[name],
    ),
  defaultRuntime: () => Promise.resolve('runc'),
  volume: () => Promise.resolve(undefined),
});

const guard = (
  host: Record<string, unknown>,
  policy = strict,
  more: Record<string, unknown> = {},
) => guardCreate({ Image: 'x', HostConfig: host, ...more }, policy, facts());

describe('create guard', () => {
  it('lets an ordinary container through, unchanged', async () => {
    const body = {
      Image: 'x',
      Cmd: ['sleep', '1'],
      Env: ['A=1'],
      Labels: { a: 'b' },
      Healthcheck: { Test: ['NONE'] },
      HostConfig: {
        NetworkMode: 'none',
        PidMode: 'container:plain',
        Binds: ['data:/data', 'cache:/cache:ro', '/anonymous'],
        Mounts: [
          { Type: 'volume', Source: 'v', Target: '/v' },
          { Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 1024 } },
          {
            Type: 'volume',
            Target: '/m',
            VolumeOptions: {
              DriverConfig: {
                Name: 'local',
                Options: { type: 'tmpfs', device: 'tmpfs', o: 'size=64m,uid=1000' },
              },
            },
          },
        ],
        CapAdd: ['chown', 'CAP_NET_BIND_SERVICE'],
        CapDrop: ['ALL'],
        SecurityOpt: [
          'no-new-privileges',
          'no-new-privileges=true',
          'apparmor=docker-default',
          'label=level:s0:c1,c2',
          'label:type:container_t',
        ],
        LogConfig: { Type: 'json-file', Config: { 'max-size': '10m' } },
        OomScoreAdj: 500,
        Memory: 64 * 1024 * 1024,
        Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 1024 }],
        Sysctls: { 'net.ipv4.ip_unprivileged_port_start': '0', 'kernel.shmmax': '1' },
        StorageOpt: { size: '1G' },
        RestartPolicy: { Name: 'always' },
        Runtime: 'runc',
        Privileged: false,
        OomKillDisable: false,
      },
      NetworkingConfig: { EndpointsConfig: { mine: { Aliases: ['db'] } } },
    };
    const guarded = await guardCreate(body, strict, facts());
    expect(guarded.problems).toEqual([]);
    expect(guarded.body).toEqual({
      ...body,
      HostConfig: { ...body.HostConfig, PidMode: 'container:plain-full-id' },
    });
  });

  // One case per class of the issue, each with the field, the value and the flag.
  it.each([
    [{ MaskedPaths: [] }, 'body.HostConfig.MaskedPaths: []'],
    [{ ReadonlyPaths: ['/proc/sys'] }, 'body.HostConfig.ReadonlyPaths: ["/proc/sys"]'],
    [
      {
        Mounts: [
          {
            Type: 'volume',
            Target: '/p',
            VolumeOptions: { DriverConfig: { Options: { type: 'proc', device: 'proc' } } },
          },
        ],
      },
      'body.HostConfig.Mounts[0].VolumeOptions.DriverConfig.Options: {"type":"proc","device":"proc"}',
    ],
    [
      {
        Mounts: [
          {
            Type: 'volume',
            Target: '/o',
            VolumeOptions: {
              DriverConfig: {
                Options: {
                  type: 'overlay',
                  device: 'overlay',
                  o: 'lowerdir=/etc,upperdir=/tmp/u,workdir=/tmp/w',
                },
              },
            },
          },
        ],
      },
      'body.HostConfig.Mounts[0].VolumeOptions.DriverConfig.Options: {"type":"overlay"',
    ],
    [
      {
        Mounts: [
          { Type: 'volume', Target: '/x', VolumeOptions: { DriverConfig: { Name: 'sshfs' } } },
        ],
      },
      'DriverConfig.Name: "sshfs"',
    ],
    [
      { SecurityOpt: ['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'] },
      'body.HostConfig.SecurityOpt[0]: "seccomp={\\"defaultAction',
    ],
    [{ SecurityOpt: ['label=type:spc_t'] }, 'body.HostConfig.SecurityOpt[0]: "label=type:spc_t"'],
    [{ SecurityOpt: ['label=disable'] }, '"label=disable"'],
    [{ SecurityOpt: ['disable'] }, 'SecurityOpt[0]: "disable"'],
    [{ SecurityOpt: ['apparmor:unconfined'] }, '"apparmor:unconfined"'],
    [{ SecurityOpt: ['no-new-privileges=false'] }, '"no-new-privileges=false"'],
    [{ SecurityOpt: ['systempaths=unconfined'] }, '"systempaths=unconfined"'],
    [{ OomScoreAdj: -1000 }, 'body.HostConfig.OomScoreAdj: -1000'],
    [{ OomKillDisable: true }, 'body.HostConfig.OomKillDisable: true'],
    [{ CgroupParent: '/' }, 'body.HostConfig.CgroupParent: "/"'],
    [{ LogConfig: { Type: 'syslog' } }, 'body.HostConfig.LogConfig.Type: "syslog"'],
    [{ LogConfig: { Type: 'gelf' } }, 'body.HostConfig.LogConfig.Type: "gelf"'],
    [
      { LogConfig: { Config: { 'syslog-address': 'tcp://x:1' } } },
      'LogConfig.Config["syslog-address"]',
    ],
    [{ Runtime: 'runsc' }, 'body.HostConfig.Runtime: "runsc"'],
    [{ Privileged: true }, 'body.HostConfig.Privileged: true'],
    [{ PidMode: 'host' }, 'body.HostConfig.PidMode: "host"'],
    [{ PidMode: 'ns:/proc/1/ns/pid' }, 'body.HostConfig.PidMode: "ns:/proc/1/ns/pid"'],
    [{ IpcMode: 'host' }, 'body.HostConfig.IpcMode: "host"'],
    [{ UTSMode: 'host' }, 'body.HostConfig.UTSMode: "host"'],
    [{ UsernsMode: 'host' }, 'body.HostConfig.UsernsMode: "host"'],
    [{ CgroupnsMode: 'host' }, 'body.HostConfig.CgroupnsMode: "host"'],
    [{ NetworkMode: 'host' }, 'body.HostConfig.NetworkMode: "host"'],
    [{ NetworkMode: 'a836423dc78a' }, 'body.HostConfig.NetworkMode: "a836423dc78a"'],
    [{ NetworkMode: 'slirp4netns:allow_host_loopback=true' }, 'NetworkMode: "slirp4netns:'],
    [{ NetworkMode: 'nosuchnet' }, 'names no network of this engine'],
    [{ CapAdd: ['SYS_ADMIN'] }, 'body.HostConfig.CapAdd[0]: "SYS_ADMIN"'],
    [{ CapAdd: ['ALL'] }, 'body.HostConfig.CapAdd[0]: "ALL"'],
    [
      { Devices: [{ PathOnHost: '/dev/fuse' }] },
      'body.HostConfig.Devices: [{"PathOnHost":"/dev/fuse"}]',
    ],
    [{ DeviceRequests: [{ Count: -1 }] }, 'body.HostConfig.DeviceRequests:'],
    [{ DeviceCgroupRules: ['c 1:3 rwm'] }, 'body.HostConfig.DeviceCgroupRules:'],
    [{ Sysctls: { 'kernel.core_pattern': '|/x' } }, 'Sysctls["kernel.core_pattern"]'],
    [
      { Ulimits: [{ Name: 'rtprio', Soft: 99, Hard: 99 }] },
      'body.HostConfig.Ulimits[0].Name: "rtprio"',
    ],
    [{ CpuRealtimeRuntime: 950000 }, 'body.HostConfig.CpuRealtimeRuntime: 950000'],
    [{ ContainerIDFile: '/etc/cron.d/x' }, 'body.HostConfig.ContainerIDFile: "/etc/cron.d/x"'],
    [{ Annotations: { 'run.oci.hooks': 'x' } }, 'body.HostConfig.Annotations:'],
    [{ StorageOpt: { dm_basesize: '1T' } }, 'StorageOpt["dm_basesize"]'],
    [{ VolumeDriver: 'nfsplugin' }, 'body.HostConfig.VolumeDriver: "nfsplugin"'],
    [
      { Mounts: [{ Type: 'npipe', Source: '\\\\.\\pipe\\docker_engine', Target: '/x' }] },
      'Mounts[0].Type: "npipe"',
    ],
    [{ Cgroup: 'container:plain' }, 'body.HostConfig.Cgroup: "container:plain"'],
    [{ Isolation: 'process' }, 'body.HostConfig.Isolation: "process"'],
  ] as [Record<string, unknown>, string][])(
    'refuses %j unless --allow-privileged',
    async (host, message) => {
      const { problems } = await guard(host);
      expect(problems).toEqual([expect.stringContaining(message)]);
      expect(problems[0]).toMatch(/--allow-privileged/);
      expect((await guard(host, privileged)).problems).toEqual([]);
    },
  );

  it('refuses a network by name when the engine says it is the host network', async () => {
    const { problems } = await guard({ NetworkMode: 'none' }, strict, {
      NetworkingConfig: { EndpointsConfig: { host: {} } },
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^body\.NetworkingConfig\.EndpointsConfig\["host"\]: "host" connects the container to the host's network; refused unless the server runs with --allow-privileged/,
      ),
    ]);
  });

  it('refuses a field it does not know, whatever the schema let through', async () => {
    const { problems } = await guard({ NewPower: true });
    expect(problems).toEqual([
      expect.stringMatching(
        /^body\.HostConfig\.NewPower: true is not in the table .*--allow-privileged/,
      ),
    ]);
  });

  describe('references carry their containers\u2019 powers', () => {
    it.each([
      [
        { VolumesFrom: ['binder:ro'] },
        /VolumesFrom\[0\]: "binder:ro" refers to "binder", which mounts the host path \/etc, .*--allow-bind \/etc/,
      ],
      [
        { PidMode: 'container:hostpid' },
        /PidMode: "container:hostpid" refers to "hostpid", which shares the host's PID namespace.*--allow-privileged/,
      ],
      [{ NetworkMode: 'container:priv' }, /refers to "priv", which runs privileged/],
      [
        { IpcMode: 'container:unmasked' },
        /refers to "unmasked", which has \/proc and \/sys unmasked/,
      ],
      [
        { PidMode: 'container:chained' },
        /refers to "chained", which shares the PID namespace of another container, which shares the host's PID namespace/,
      ],
      [
        { Links: ['caps:db'] },
        /Links\[0\]: "caps:db" refers to "caps", which has added capabilities \(SYS_ADMIN\)/,
      ],
      [{ VolumesFrom: ['devices'] }, /refers to "devices", which has host devices \(Devices\)/],
    ] as [Record<string, unknown>, RegExp][])('%j', async (host, reason) => {
      const { problems } = await guard(host);
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.join('\n')).toMatch(reason);
    });

    it('are allowed with the flags that would allow the same on the new container', async () => {
      expect(
        (await guard({ VolumesFrom: ['priv'], PidMode: 'container:hostpid' }, privileged)).problems,
      ).toEqual([]);
      const binds = { allowPrivileged: false, allowBinds: ['/etc'] };
      expect((await guard({ VolumesFrom: ['binder'] }, binds)).problems).toEqual([]);
    });

    it('are refused when they name nothing, and pinned to the full id when they pass', async () => {
      expect((await guard({ VolumesFrom: ['ghost'] })).problems).toEqual([
        expect.stringContaining('names "ghost", and there is no such container'),
      ]);
      const pinned = await guard({
        VolumesFrom: ['plain:ro'],
        Links: ['plain', '/plain:/me/db'],
        NetworkMode: 'container:plain',
      });
      expect((pinned.body as { HostConfig: unknown }).HostConfig).toEqual({
        VolumesFrom: ['plain-full-id:ro'],
        Links: ['plain-full-id:plain', 'plain-full-id:db'],
        NetworkMode: 'container:plain-full-id',
      });
    });
  });

  describe('host paths', () => {
    const roots = { allowPrivileged: false, allowBinds: ['/data'] };

    it('are held to the --allow-bind roots, normalized and with symlinks resolved', async () => {
      const resolve = (path: string) => path.replace(/^\/data\/link/, '/etc');
      const { problems } = await guardCreate(
        {
          Image: 'x',
          HostConfig: {
            Binds: ['/etc:/x:ro', '/data/../etc:/y', '/data/ok:/z', '/data/link/x:/l', '/anon'],
            Mounts: [
              { Type: 'bind', Source: '/data2', Target: '/a' },
              { Type: 'bind', Source: '/data/sub', Target: '/b' },
              {
                Type: 'volume',
                Target: '/c',
                VolumeOptions: {
                  DriverConfig: { Options: { type: 'none', o: 'bind', device: '/root' } },
                },
              },
            ],
          },
        },
        roots,
        facts(resolve),
      );
      expect(problems).toEqual([
        expect.stringMatching(
          /^body\.HostConfig\.Binds\[0\]: "\/etc:\/x:ro" mounts the host path \/etc, outside the host roots this server may mount \(\/data\); refused unless the server runs with --allow-bind \/etc/,
        ),
        expect.stringMatching(
          /^body\.HostConfig\.Binds\[1\]: .* mounts the host path \/etc \(from "\/data\/\.\.\/etc"\)/,
        ),
        expect.stringMatching(
          /^body\.HostConfig\.Binds\[3\]: .* mounts the host path \/etc\/x \(from "\/data\/link\/x"\)/,
        ),
        expect.stringMatching(
          /^body\.HostConfig\.Mounts\[0\]\.Source: "\/data2" mounts the host path \/data2/,
        ),
        expect.stringMatching(
          /^body\.HostConfig\.Mounts\[2\]\.VolumeOptions\.DriverConfig\.Options: .* mounts the host path \/root/,
        ),
      ]);
    });

    it('may not share their mounts back with the host', async () => {
      const { problems } = await guardCreate(
        {
          Image: 'x',
          HostConfig: {
            Binds: ['/data/a:/a:rshared'],
            Mounts: [
              {
                Type: 'bind',
                Source: '/data/b',
                Target: '/b',
                BindOptions: { Propagation: 'shared' },
              },
            ],
          },
        },
        roots,
        facts(),
      );
      expect(problems).toEqual([
        expect.stringMatching(
          /^body\.HostConfig\.Binds\[0\]: "\/data\/a:\/a:rshared" shares mounts .*--allow-privileged/,
        ),
        expect.stringMatching(
          /^body\.HostConfig\.Mounts\[0\]\.BindOptions\.Propagation: "shared" .*--allow-privileged/,
        ),
      ]);
    });

    it('on an engine elsewhere are refused unless --allow-privileged', async () => {
      const remote: GuardFacts = { ...facts(), hostPaths: { local: false, engine: 'ssh://box' } };
      const body = { Image: 'x', HostConfig: { Binds: ['/data/x:/x'] } };
      expect((await guardCreate(body, roots, remote)).problems).toEqual([
        expect.stringMatching(
          /Binds\[0\]: "\/data\/x:\/x" is a path on the engine's own host \(ssh:\/\/box\).*--allow-privileged/,
        ),
      ]);
      expect(
        (await guardCreate(body, { ...roots, allowPrivileged: true }, remote)).problems,
      ).toEqual([]);
    });

    it('with a restart policy need --allow-privileged: the engine would restart without a re-check', async () => {
      const body = {
        Image: 'x',
        HostConfig: { Binds: ['/data/x:/x'], RestartPolicy: { Name: 'unless-stopped' } },
      };
      expect((await guardCreate(body, roots, facts())).problems).toEqual([
        expect.stringMatching(
          /^body\.HostConfig\.RestartPolicy\.Name: "unless-stopped" lets the engine start the container again on its own.*--allow-privileged/,
        ),
      ]);
      expect(
        (await guardCreate(body, { ...roots, allowPrivileged: true }, facts())).problems,
      ).toEqual([]);
    });

    it('with a restart policy count a named local volume bound to a host path, by Binds or Mounts', async () => {
      const volumes: GuardFacts = {
        ...facts(),
        volume: (name) =>
          Promise.resolve(
            (
              {
                hv: { Driver: 'local', Options: { type: 'none', o: 'bind', device: '/data/d' } },
                plain: { Driver: 'local', Options: {} },
              } as Record<string, { Driver: string; Options: Record<string, string> }>
            )[name],
          ),
      };
      const restarting = (mounts: Record<string, unknown>) => ({
        Image: 'x',
        HostConfig: { ...mounts, RestartPolicy: { Name: 'always' } },
      });
      for (const mounts of [
        { Binds: ['hv:/v'] },
        { Mounts: [{ Type: 'volume', Source: 'hv', Target: '/v' }] },
      ])
        expect((await guardCreate(restarting(mounts), roots, volumes)).problems).toEqual([
          expect.stringMatching(
            /^body\.HostConfig\.RestartPolicy\.Name: "always" .*\(this container mounts host paths\).*--allow-privileged/,
          ),
        ]);
      for (const mounts of [{ Binds: ['plain:/v'] }, { Binds: ['new:/v'] }])
        expect((await guardCreate(restarting(mounts), roots, volumes)).problems).toEqual([]);
    });
  });
});

describe('update guard', () => {
  const target = (raw: ContainerInspect | undefined) => () => Promise.resolve(raw);

  it('holds devices, cgroup parents and OOM settings to --allow-privileged', async () => {
    const { problems } = await guardUpdate(
      { Memory: 1 << 30, Devices: [{ PathOnHost: '/dev/sda' }], OomKillDisable: true },
      target(CONTAINERS.plain),
      strict,
      facts(),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^update\.Devices: .*--allow-privileged/),
      expect.stringMatching(/^update\.OomKillDisable: true .*--allow-privileged/),
    ]);
  });

  it('refuses a restart policy on a container that mounts host paths', async () => {
    const update = { RestartPolicy: { Name: 'always' } };
    expect((await guardUpdate(update, target(CONTAINERS.plain), strict, facts())).problems).toEqual(
      [],
    );
    expect(
      (await guardUpdate(update, target(CONTAINERS.binder), strict, facts())).problems,
    ).toEqual([
      expect.stringMatching(
        /^update\.RestartPolicy\.Name: "always" .*\(this container mounts host paths\).*--allow-privileged/,
      ),
    ]);
  });
});

describe('start guard', () => {
  const VOLUMES: Record<string, { Driver: string; Options: Record<string, string> }> = {
    bound: { Driver: 'local', Options: { type: 'none', o: 'bind', device: '/data/vol' } },
    plain: { Driver: 'local', Options: {} },
  };
  const now = (resolve: (path: string) => string) => ({
    hostPaths: { local: true as const, resolve },
    volume: (name: string) => Promise.resolve(VOLUMES[name]),
  });

  it('re-resolves every host path the container mounts, naming the bind and the resolved path', async () => {
    const raw = container(
      'b',
      { Binds: ['/data/sub:/x'], Mounts: [{ Type: 'bind', Source: '/data/ok' }] },
      [
        { Type: 'bind', Source: '/data/sub', Destination: '/x' },
        { Type: 'bind', Source: '/data/inherited', Destination: '/i' },
        { Type: 'volume', Name: 'bound', Driver: 'local', Destination: '/v' },
        { Type: 'volume', Name: 'plain', Driver: 'local', Destination: '/p' },
      ],
    );
    const policy = { allowPrivileged: false, allowBinds: ['/data'] };
    expect(
      await hostPathsNow(
        raw,
        policy,
        now((p) => p),
      ),
    ).toEqual([]);
    const swapped = (path: string) => path.replace(/^\/data\/(sub|inherited|vol)/, '/');
    expect(await hostPathsNow(raw, policy, now(swapped))).toEqual([
      expect.stringMatching(
        /^HostConfig\.Binds\[0\]: "\/data\/sub" mounts the host path \/ \(from "\/data\/sub"\)/,
      ),
      expect.stringMatching(/^Mounts\[1\] \(at \/i\): "\/data\/inherited" mounts the host path \//),
      expect.stringMatching(
        /^Mounts\[2\] \(volume bound at \/v\): "\/data\/vol" mounts the host path \//,
      ),
    ]);
  });
});

describe('pieces', () => {
  it('keepsConfinement reads options as the engine does', () => {
    expect(
      [
        'no-new-privileges',
        'no-new-privileges:true',
        'apparmor=docker-default',
        'apparmor=containers-default-0.50.1',
        'label=level:s0',
        'label=level:s0:c12,c345',
      ].every(keepsConfinement),
    ).toBe(true);
    expect(
      [
        'label=level:s0-s0:c0.c1023',
        'label=level:s0:c0.c1023',
        'seccomp=unconfined',
        'seccomp=builtin',
        'label=user:root',
        'label=role:x',
        'label=nested',
        'apparmor=',
        'apparmor=my-profile',
        'apparmor=firefox',
        'writable-cgroups=true',
        'garbage',
      ].some(keepsConfinement),
    ).toBe(false);
  });

  it('isWithin is about whole path parts', () => {
    expect(isWithin('/data', '/data')).toBe(true);
    expect(isWithin('/data/x', '/data')).toBe(true);
    expect(isWithin('/data2', '/data')).toBe(false);
    expect(isWithin('/anything', '/')).toBe(true);
  });
});
