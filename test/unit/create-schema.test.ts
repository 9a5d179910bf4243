import { describe, expect, it } from 'vitest';
import { createBody } from '../../src/tools/settings/body.js';
import { NEWER_FIELDS, tooNewFor } from '../../src/tools/settings/versions.js';
import { formatInputError } from '../../src/mcp/validation.js';
import { containerCreate } from '../../src/tools/settings/create.js';

const newest = {
  platform: 'linux/amd64',
  body: {
    Image: 'x',
    Healthcheck: { StartInterval: 1_000_000 },
    HostConfig: {
      Annotations: { a: 'b' },
      ConsoleSize: [24, 80],
      Mounts: [
        { Type: 'bind', Target: '/a', BindOptions: { CreateMountpoint: true } },
        {
          Type: 'bind',
          Target: '/b',
          BindOptions: { ReadOnlyNonRecursive: true, ReadOnlyForceRecursive: false },
        },
        { Type: 'volume', Target: '/c', VolumeOptions: { Subpath: 'x' } },
      ],
    },
    NetworkingConfig: { EndpointsConfig: { one: { MacAddress: '02:42:ac:11:00:02' }, two: {} } },
  },
};

describe('fields newer than the engine', () => {
  it('lets every field through on a 1.45 engine', () => {
    expect(tooNewFor('1.45', newest)).toEqual([]);
  });

  it('names each field a 1.41 engine would ignore, with its version and path', () => {
    const problems = tooNewFor('1.41', newest);
    expect(problems.map((line) => line.split(' needs ')[0])).toEqual([
      'body.HostConfig.ConsoleSize',
      'body.HostConfig.Mounts[0].BindOptions.CreateMountpoint',
      'body.HostConfig.Annotations',
      'body.Healthcheck.StartInterval',
      'body.HostConfig.Mounts[1].BindOptions.ReadOnlyNonRecursive',
      'body.HostConfig.Mounts[1].BindOptions.ReadOnlyForceRecursive',
      'body.NetworkingConfig.EndpointsConfig.one.MacAddress',
      'body.HostConfig.Mounts[2].VolumeOptions.Subpath',
      'body.NetworkingConfig.EndpointsConfig names 2 networks; engines before API 1.44 connect only one at creation and this one speaks 1.41. Keep one and connect the others after creation.',
    ]);
    expect(problems[2]).toBe(
      'body.HostConfig.Annotations needs Engine API 1.43 or later; this engine speaks 1.41 and would ignore it (use Labels for metadata). Remove it.',
    );
  });

  it('takes the versions in between into account', () => {
    const at143 = tooNewFor('1.43', newest).map((line) => line.split(' ')[0]);
    expect(at143).not.toContain('body.HostConfig.Annotations');
    expect(at143).toContain('body.Healthcheck.StartInterval');
    expect(tooNewFor('1.40', { platform: 'linux/amd64', body: { Image: 'x' } })).toEqual([
      expect.stringMatching(/^platform needs Engine API 1\.41/),
    ]);
  });

  it('lists only fields the strict schema has', () => {
    // `newest` passes the strict schema and sets every field in the table.
    expect(containerCreate.input.safeParse(newest).success).toBe(true);
    const problems = tooNewFor('1.40', newest);
    for (const field of NEWER_FIELDS) {
      const pattern = field.path
        .replace(/\./g, '\\.')
        .replace(/\[\]/g, '\\[\\d+\\]')
        .replace(/\*/g, '[^.]+');
      expect(
        problems.some((line) =>
          new RegExp(`^${pattern} needs Engine API ${field.since} `).test(line),
        ),
        field.path,
      ).toBe(true);
    }
  });
});

describe('the create body schema', () => {
  const errorFor = (body: unknown) => {
    const result = createBody.safeParse(body);
    if (result.success) throw new Error('expected a failure');
    return formatInputError('container_create', result.error, createBody);
  };

  it('accepts a realistic body and normalizes StopSignal', () => {
    const parsed = createBody.parse({
      Image: 'nginx:1.27',
      Cmd: ['nginx', '-g', 'daemon off;'],
      Env: ['A=1', 'B'],
      ExposedPorts: { '80/tcp': {} },
      StopSignal: 'quit',
      HostConfig: {
        PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '443/tcp': null },
        RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 },
        LogConfig: { Type: 'local', Config: { 'max-size': '10m' } },
        PidsLimit: null,
      },
      NetworkingConfig: { EndpointsConfig: { web: { Aliases: ['www'], IPAMConfig: null } } },
    });
    expect(parsed.StopSignal).toBe('SIGQUIT');
  });

  it('refuses a command given as a string, which the engine would not split', () => {
    expect(errorFor({ Image: 'x', Cmd: 'sleep 60' })).toContain(
      '- Cmd: expected array, received string',
    );
  });

  it('checks ports, paths, env and nanosecond durations', () => {
    const text = errorFor({
      Image: 'x',
      Env: ['=nope'],
      ExposedPorts: { '80/tpc': {} },
      Volumes: { data: {} },
      Healthcheck: { Interval: 5 },
      HostConfig: {
        Mounts: [{ Type: 'tmpfs', Target: 'relative' }],
        PortBindings: { '80/tcp': [{ HostPort: 8080 }] },
      },
    });
    expect(text).toContain('- Env[0]: must be "NAME=value"');
    expect(text).toContain('- ExposedPorts.80/tpc: invalid key: must be "<port>/<protocol>"');
    expect(text).toContain('- Volumes.data: invalid key: must be an absolute path');
    expect(text).toContain(
      '- Healthcheck.Interval: must be 0 (inherit) or at least 1000000 (1 ms)',
    );
    expect(text).toContain('- HostConfig.Mounts[0].Target: must be an absolute path');
    expect(text).toContain(
      '- HostConfig.PortBindings.80/tcp[0].HostPort: expected string, received number',
    );
  });

  it('gives refused keys their own reason instead of "unknown field"', () => {
    const text = errorFor({
      Image: 'x',
      HostConfig: { KernelMemory: 1 },
      NetworkingConfig: { EndpointsConfig: { n: { Gateway: 'x' } } },
    });
    expect(text).toContain('- HostConfig.KernelMemory: was removed in API 1.42');
    expect(text).toContain(
      '- NetworkingConfig.EndpointsConfig.n.Gateway: is assigned by the engine',
    );
    expect(text).not.toContain('unknown field');
  });
});
