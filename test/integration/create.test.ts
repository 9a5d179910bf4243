/**
 * container_create against the real engine: the body reaches the engine as given (checked
 * with inspect), misspelt and engine-only fields are refused with their names, fields newer
 * than this engine's API are refused before anything is created, and engine errors say
 * what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  inspect,
  removeTestContainers,
  RUN_ID,
  TEST_IMAGE,
  testLabels,
  uniqueName,
} from '../helpers/docker.js';
import { requireApiBelow, serverApiVersion } from '../helpers/engine-level.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';
import { apiVersionAtLeast } from '../../src/engine/version.js';

let session: Session;
/** For bodies with settings the host guards refuse by default (OomKillDisable, Annotations). */
let privileged: Session;
beforeAll(async () => {
  [session, privileged] = await Promise.all([
    startServer(),
    startServer({ args: ['--allow-privileged'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([session?.close(), privileged?.close()]);
  await removeTestContainers();
});

const base = (extra: Record<string, unknown> = {}) => ({
  Image: TEST_IMAGE,
  Labels: testLabels(),
  ...extra,
  HostConfig: { NetworkMode: 'none', ...(extra.HostConfig as object) },
});

interface Created {
  id: string;
  name: string;
  warnings: string[];
  container: { status: string };
}

describe('container_create', () => {
  it('creates exactly what the body says', async () => {
    const name = uniqueName('create');
    const config = {
      Cmd: ['sleep', '60'],
      WorkingDir: '/tmp',
      User: '1000:1000',
      Hostname: 'box',
      ExposedPorts: { '8080/tcp': {} },
      StopTimeout: 3,
      Healthcheck: { Test: ['CMD', 'true'], Interval: 5_000_000_000 },
    };
    const hostConfig = {
      Memory: 32 * 1024 * 1024,
      PidsLimit: 50,
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 },
      Tmpfs: { '/scratch': 'size=1m' },
      Mounts: [{ Type: 'tmpfs', Target: '/cache', TmpfsOptions: { SizeBytes: 1048576 } }],
      CapDrop: ['ALL'],
      ReadonlyRootfs: true,
    };
    const result = await call(session, 'container_create', {
      name,
      body: base({
        ...config,
        Env: ['MODE=test', 'EMPTY='],
        StopSignal: 'term',
        HostConfig: hostConfig,
      }),
    });
    const data = dataOf<Created>(result);
    expect(data).toMatchObject({ name, warnings: [], container: { status: 'created' } });
    expect(textOf(result)).toMatch(
      new RegExp(
        `^Created ${name} \\(${data.id.slice(0, 12)}\\) from image ${TEST_IMAGE}\\. Start it with container_start\\.`,
      ),
    );
    const engine = await docker<Record<string, Record<string, unknown>>>(
      'GET',
      `/containers/${data.id}/json`,
    );
    expect(engine.body.Config).toMatchObject({
      ...config,
      Env: expect.arrayContaining(['MODE=test', 'EMPTY=']),
      StopSignal: 'SIGTERM', // "term", as the engine wants it
    });
    expect(engine.body.HostConfig).toMatchObject(hostConfig);
  });

  it("passes the engine's warnings on", async () => {
    const result = await call(privileged, 'container_create', {
      body: base({ HostConfig: { OomKillDisable: true } }),
    });
    const data = dataOf<Created>(result);
    expect(data.warnings).toEqual([expect.stringMatching(/OOM killer is disabled/)]);
    expect(textOf(result)).toContain('Warning from the engine: OOM killer is disabled');
    expect(data.name).toBe((await inspect(data.id))?.Name.slice(1));
  });

  it('names every misspelt field at every level with the nearest valid name, and creates nothing', async () => {
    const name = uniqueName('typo');
    const result = await call(session, 'container_create', {
      name,
      body: {
        Image: TEST_IMAGE,
        Cmdd: ['true'],
        Healthcheck: { Tset: ['NONE'] },
        HostConfig: {
          NetworkMode: 'none',
          Memroy: 1,
          RestartPolicy: { Nmae: 'always' },
          Mounts: [
            { Type: 'bind', Source: '/tmp', Target: '/x', BindOptions: { Propogation: 'rshared' } },
          ],
          PortBindings: { '80/tcp': [{ HostPrt: '8080' }] },
        },
        NetworkingConfig: { EndpointsConfig: { none: { Alias: ['a'] } } },
      },
    });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    for (const line of [
      '- body.Cmdd: unknown field (did you mean "Cmd"?)',
      '- body.Healthcheck.Tset: unknown field (did you mean "Test"?)',
      '- body.HostConfig.Memroy: unknown field (did you mean "Memory"?)',
      '- body.HostConfig.RestartPolicy.Nmae: unknown field (did you mean "Name"?)',
      '- body.HostConfig.Mounts[0].BindOptions.Propogation: unknown field (did you mean "Propagation"?)',
      '- body.HostConfig.PortBindings.80/tcp[0].HostPrt: unknown field (did you mean "HostPort"?)',
      '- body.NetworkingConfig.EndpointsConfig.none.Alias: unknown field (did you mean "Aliases"?)',
    ]) {
      expect(text).toContain(line);
    }
    expect(await inspect(name)).toBeUndefined();
  });

  it('refuses fields only the engine sets, or that it no longer reads, saying why', async () => {
    const text = textOf(
      await call(session, 'container_create', {
        body: base({
          HostConfig: { KernelMemory: 10_000_000 },
          NetworkingConfig: { EndpointsConfig: { none: { IPAddress: '10.0.0.2' } } },
        }),
      }),
    );
    expect(text).toContain('- body.HostConfig.KernelMemory: was removed in API 1.42');
    expect(text).toContain(
      '- body.NetworkingConfig.EndpointsConfig.none.IPAddress: is assigned by the engine when the container joins the network; read it with container_inspect; to ask for an address use IPAMConfig.IPv4Address',
    );
  });

  it("refuses fields newer than this engine's API before creating anything", async (context) => {
    await requireApiBelow(
      context,
      '1.45',
      'an engine that speaks 1.45 takes every field; test/compat/versions.test.ts proves they reach it',
    );
    const name = uniqueName('newer');
    const result = await call(privileged, 'container_create', {
      name,
      body: base({
        Healthcheck: { Test: ['NONE'], StartInterval: 1_000_000_000 },
        HostConfig: {
          Annotations: { team: 'a' },
          ConsoleSize: [24, 80],
          Mounts: [{ Type: 'volume', Target: '/v', VolumeOptions: { Subpath: 'sub' } }],
        },
      }),
    });
    const checks: [string, string][] = [
      ['body.HostConfig.ConsoleSize', '1.42'],
      ['body.HostConfig.Annotations', '1.43'],
      ['body.Healthcheck.StartInterval', '1.44'],
      ['body.HostConfig.Mounts[0].VolumeOptions.Subpath', '1.45'],
    ];
    const engineApi = await serverApiVersion();
    const refused = checks.filter(([, since]) => !apiVersionAtLeast(engineApi, since));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^container_create refused: nothing was created\./);
    for (const [path, since] of refused) {
      expect(textOf(result)).toContain(
        `- ${path} needs Engine API ${since} or later; this engine speaks ${engineApi} and would ignore it`,
      );
    }
    expect(await inspect(name)).toBeUndefined();
  });

  it('says the image is not on the engine, naming it and the image_pull call', async () => {
    const text = textOf(
      await call(session, 'container_create', {
        body: base({ Image: `no-such-image-${RUN_ID}:1` }),
      }),
    );
    expect(text).toContain(`there is no image "no-such-image-${RUN_ID}:1" (body.Image)`);
    expect(text).toContain(`image_pull {"image": "no-such-image-${RUN_ID}:1"}`);
  });

  it('explains a taken name, a bad name and conflicting options', async () => {
    const existing = await createContainer({ start: false });
    const taken = textOf(
      await call(session, 'container_create', { name: existing.name, body: base() }),
    );
    expect(taken).toMatch(/\[conflict\] \(HTTP 409.*is already in use/);
    expect(taken).toContain('Next: The name is taken');
    const bad = textOf(
      await call(session, 'container_create', { name: 'my container', body: base() }),
    );
    expect(bad).toContain('- name: must be at least 2 characters');
    const conflicting = textOf(
      await call(session, 'container_create', {
        body: base({ HostConfig: { AutoRemove: true, RestartPolicy: { Name: 'always' } } }),
      }),
    );
    expect(conflicting).toMatch(/\[bad_request\].*AutoRemove/);
    expect(conflicting).toContain(
      'Next: A container that removes itself on exit (AutoRemove) cannot have a restart policy',
    );
    const noImage = textOf(await call(session, 'container_create', { body: { Cmd: ['true'] } }));
    expect(noImage).toContain('- body.Image: required (string)');
  });
});
