/**
 * Reaching into a container is acting on it, played out as the issue's attack: a new
 * container that joins a victim's PID namespace can signal its PID 1 and rewrite its files
 * through /proc/1/root, and one that mounts the victim's volumes writable can empty them.
 * Such a create (or the start of a container whose settings do it) carries the victim's own
 * effects (it runs code there and can destroy it): refused under --no-destructive, and where
 * --deny-tools leaves no tool that runs code in an existing container; confirmed by default,
 * with a preview that names the victim; recorded in the audit log. Read-only mounts and
 * creates that reach nothing go on as before.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
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
  type TestContainer,
} from '../helpers/docker.js';
import { confirmationOf } from '../helpers/confirmation.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

const auditLog = join(mkdtempSync(join(tmpdir(), 'cmcp-reach-')), 'audit.log');
let noDestructive: Session;
let noExec: Session;
let noKill: Session;
let byDefault: Session;
let scoped: Session;
let victim: TestContainer;
/** A container in the victim's PID namespace: joining it reaches the victim too. */
let middle: TestContainer;
let anonymous: string;
const volume = uniqueName('data');
const fresh = uniqueName('fresh');

beforeAll(async () => {
  const made = await docker('POST', '/volumes/create', { Name: volume, Labels: testLabels() });
  expect(made.status).toBe(201);
  victim = await createContainer({
    name: uniqueName('victim'),
    hostConfig: { Binds: [`${volume}:/data`], IpcMode: 'shareable' },
  });
  const [withAnonymous, inNamespace] = await Promise.all([
    docker<{ Id: string }>('POST', `/containers/create?name=${uniqueName('anon')}`, {
      Image: TEST_IMAGE,
      Cmd: ['sleep', '3600'],
      Labels: testLabels(),
      Volumes: { '/anon': {} },
      HostConfig: { NetworkMode: 'none' },
    }),
    createContainer({
      name: uniqueName('middle'),
      hostConfig: { PidMode: `container:${victim.id}` },
    }),
  ]);
  middle = inNamespace;
  const anon = await inspect(withAnonymous.body.Id);
  anonymous = anon?.Mounts.find((m) => m.Destination === '/anon')?.Name ?? '';
  expect(anonymous).toMatch(/^[0-9a-f]{64}$/);
  [noDestructive, noExec, noKill, byDefault, scoped] = await Promise.all([
    startServer({ args: ['--no-destructive'] }),
    startServer({ args: ['--deny-tools', 'container_exec'] }),
    startServer({ args: ['--deny-tools', 'container_kill'] }),
    startServer({ args: ['--confirm', 'destructive', '--audit-log', auditLog] }),
    startServer({ args: ['--scope-label', 'cmcp.reach=in'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([noDestructive, noExec, noKill, byDefault, scoped].map((s) => s?.close()));
  await removeTestContainers();
  await Promise.all([volume, fresh].map((name) => docker('DELETE', `/volumes/${name}`)));
});

/** The issue's attacks: end the victim's PID 1 and rewrite its files, or empty its data. */
const KILL_AND_REWRITE = 'echo owned > /proc/1/root/etc/motd; kill -9 1; sleep 1';
const EMPTY_DATA = 'rm -rf /data/*';

async function create(session: Session, host: Record<string, unknown>, script = 'sleep 60') {
  const name = uniqueName('reach');
  const body = {
    Image: TEST_IMAGE,
    Cmd: ['sh', '-c', script],
    Labels: testLabels(),
    HostConfig: { NetworkMode: 'none', ...host },
  };
  return { name, result: await call(session, 'container_create', { name, body }) };
}

function expectReachRefused(result: CallToolResult, tool: string, why: RegExp, ways: RegExp[]) {
  expect(result.isError, textOf(result)).toBe(true);
  const text = textOf(result);
  expect(text).toMatch(
    new RegExp(
      `^${tool} refused by this server's policy: nothing was changed\\. Reaching into another container is acting on it: `,
    ),
  );
  expect(text).toMatch(why);
  for (const way of ways) expect(text).toMatch(way);
}

const NO_DESTRUCTIVE = /it could run code in it and destroy it, which --no-destructive forbids/;

describe('a create that reaches into another container', () => {
  it.each([
    [
      'PidMode',
      () => ({ PidMode: `container:${victim.name}` }),
      /HostConfig\.PidMode joins its PID namespace/,
    ],
    [
      'IpcMode',
      () => ({ IpcMode: `container:${victim.name}` }),
      /HostConfig\.IpcMode joins its IPC namespace/,
    ],
    [
      'NetworkMode',
      () => ({ NetworkMode: `container:${victim.name}` }),
      /HostConfig\.NetworkMode joins its network namespace/,
    ],
    [
      'VolumesFrom',
      () => ({ VolumesFrom: [victim.name] }),
      /VolumesFrom\[0\] mounts its volumes and binds writable/,
    ],
    ['VolumesFrom :rw', () => ({ VolumesFrom: [`${victim.id}:rw`] }), /VolumesFrom\[0\] mounts/],
    [
      'a Binds volume',
      () => ({ Binds: [`${volume}:/data`] }),
      new RegExp(`Binds\\[0\\] mounts writable its volume "${volume}"`),
    ],
    [
      'a volume Mount',
      () => ({ Mounts: [{ Type: 'volume', Source: volume, Target: '/data' }] }),
      /Mounts\[0\] mounts writable its volume/,
    ],
  ])('by %s is refused under --no-destructive, naming the victim', async (_how, host, way) => {
    const { name, result } = await create(noDestructive, host(), KILL_AND_REWRITE);
    expectReachRefused(result, 'container_create', NO_DESTRUCTIVE, [
      new RegExp(`^- "${victim.name}" \\([0-9a-f]{12}\\): body\\.`, 'm'),
      way,
    ]);
    expect(await inspect(name)).toBeUndefined();
    expect((await inspect(victim.id))?.State.Running).toBe(true);
  });

  it("reaches another container's anonymous volume named by its id", async () => {
    const { name, result } = await create(noDestructive, {
      Mounts: [{ Type: 'volume', Source: anonymous, Target: '/data' }],
    });
    expectReachRefused(result, 'container_create', NO_DESTRUCTIVE, [
      new RegExp(`mounts writable its volume "${anonymous}"`),
    ]);
    expect(await inspect(name)).toBeUndefined();
  });

  it('follows a namespace to the container it belongs to', async () => {
    const { result } = await create(noDestructive, { PidMode: `container:${middle.name}` });
    expectReachRefused(result, 'container_create', NO_DESTRUCTIVE, [
      new RegExp(`^- "${middle.name}" .*PidMode joins its PID namespace`, 'm'),
      new RegExp(
        `^- "${victim.name}" .*PidMode joins its PID namespace .*, through ${middle.name}`,
        'm',
      ),
    ]);
  });

  it('refuses a chain of namespaces longer than it follows, even under --allow-privileged', async () => {
    // victim <- middle <- 4 more: the fifth link's owner is past the 4 containers followed.
    // Without --allow-privileged the settings guard refuses such a chain already.
    let previous = middle;
    for (let link = 0; link < 4; link += 1)
      previous = await createContainer({
        start: false,
        hostConfig: { PidMode: `container:${previous.id}` },
      });
    const privileged = await startServer({ args: ['--allow-privileged'] });
    try {
      const { name, result } = await create(privileged, { PidMode: `container:${previous.name}` });
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /joins another container's in turn, further than the 4 containers this server follows: nothing was done/,
      );
      expect(await inspect(name)).toBeUndefined();
    } finally {
      await privileged.close();
    }
  });

  it("reaches, through VolumesFrom, every container that shares the source's volumes", async () => {
    const sharer = await createContainer({
      name: uniqueName('sharer'),
      hostConfig: { Binds: [`${volume}:/data`] },
    });
    const { result } = await create(noDestructive, { VolumesFrom: [sharer.name] });
    expectReachRefused(result, 'container_create', NO_DESTRUCTIVE, [
      new RegExp(
        `^- "${sharer.name}" .*VolumesFrom\\[0\\] mounts its volumes and binds writable`,
        'm',
      ),
      new RegExp(
        `^- "${victim.name}" .*VolumesFrom\\[0\\] mounts writable, through ${sharer.name}, its volume "${volume}"`,
        'm',
      ),
    ]);
  });

  it('is refused where --deny-tools leaves no tool that runs code in a container', async () => {
    for (const host of [{ PidMode: `container:${victim.name}` }, { VolumesFrom: [victim.name] }]) {
      const { name, result } = await create(noExec, host);
      expectReachRefused(
        result,
        'container_create',
        /it could run code in it, which no tool this server offers does to an existing container \(--tools, --deny-tools\)/,
        [new RegExp(`"${victim.name}"`)],
      );
      expect(await inspect(name)).toBeUndefined();
    }
    // Denying another tool leaves exec and the destructive tools: the reach is allowed.
    dataOf((await create(noKill, { PidMode: `container:${victim.name}` })).result);
  });

  it('goes on when it only reads, or reaches nothing', async () => {
    for (const host of [
      { VolumesFrom: [`${victim.name}:ro`] },
      { Binds: [`${volume}:/data:ro`] },
      { Mounts: [{ Type: 'volume', Source: volume, Target: '/data', ReadOnly: true }] },
      { Binds: [`${fresh}:/data`] },
      {},
    ]) {
      const { name, result } = await create(noDestructive, host);
      dataOf(result);
      expect((await inspect(name))?.State.Status).toBe('created');
    }
  });
});

describe('a start that reaches into another container', () => {
  it('is refused under --no-destructive for a container made elsewhere', async () => {
    const joiner = await createContainer({
      start: false,
      cmd: ['sh', '-c', KILL_AND_REWRITE],
      hostConfig: { PidMode: `container:${victim.id}` },
    });
    const emptier = await createContainer({
      start: false,
      cmd: ['sh', '-c', EMPTY_DATA],
      hostConfig: { VolumesFrom: [victim.id] },
    });
    for (const [made, way] of [
      [joiner, /^- ".*" \([0-9a-f]{12}\): HostConfig\.PidMode joins its PID namespace/m],
      [emptier, /^- ".*" \([0-9a-f]{12}\): HostConfig\.VolumesFrom\[0\] mounts its volumes/m],
    ] as const) {
      const result = await call(noDestructive, 'container_start', { id: made.name });
      expectReachRefused(result, 'container_start', NO_DESTRUCTIVE, [way]);
      expect((await inspect(made.id))?.State.Status).toBe('created');
    }
    expect((await inspect(victim.id))?.State.Running).toBe(true);
  });
});

describe('under --scope-label', () => {
  const IN_SCOPE = { 'cmcp.reach': 'in' };

  it('a start that reaches a container outside the scope is refused, without naming it', async () => {
    const inner = await createContainer({
      start: false,
      labels: IN_SCOPE,
      hostConfig: { PidMode: `container:${victim.id}` },
    });
    const result = await call(scoped, 'container_start', { id: inner.name });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe(
      "container_start refused by this server's policy: nothing was changed. It reaches into a container outside this server's scope (--scope-label), by:\n- HostConfig.PidMode",
    );
    expect((await inspect(inner.id))?.State.Status).toBe('created');
  });

  it('so is a create that joins one in scope whose namespace belongs to one outside', async () => {
    const inScope = await createContainer({
      labels: IN_SCOPE,
      hostConfig: { PidMode: `container:${victim.id}` },
    });
    const name = uniqueName('scoped');
    const result = await call(scoped, 'container_create', {
      name,
      body: {
        Image: TEST_IMAGE,
        Labels: testLabels(),
        HostConfig: { NetworkMode: 'none', PidMode: `container:${inScope.name}` },
      },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /outside this server's scope \(--scope-label\), by:\n- body\.HostConfig\.PidMode$/,
    );
    expect(textOf(result)).not.toContain(victim.name);
    expect(await inspect(name)).toBeUndefined();
  });
});

describe('by default', () => {
  it('a create that reaches asks first, naming the victim; one that does not runs at once', async () => {
    const plain = await create(byDefault, {});
    dataOf(plain.result);

    const name = uniqueName('joiner');
    const args = {
      name,
      body: {
        Image: TEST_IMAGE,
        Cmd: ['sleep', '60'],
        Labels: testLabels(),
        HostConfig: { NetworkMode: 'none', PidMode: `container:${victim.name}` },
      },
    };
    const confirmation = confirmationOf(await call(byDefault, 'container_create', args));
    expect(confirmation.preview).toMatch(
      /It REACHES INTO other containers, which is acting on them/,
    );
    expect(confirmation.preview).toMatch(
      new RegExp(
        `^  - ${victim.name} \\([0-9a-f]{12}, image ${TEST_IMAGE}\\): running.*: body\\.HostConfig\\.PidMode joins its PID namespace`,
        'm',
      ),
    );
    expect(await inspect(name)).toBeUndefined();

    dataOf(await call(byDefault, 'container_create', { ...args, confirm: confirmation.token }));
    expect((await inspect(name))?.HostConfig.PidMode).toBe(`container:${victim.id}`);

    // Its start reaches the victim too: asked again, by name, then run.
    const again = confirmationOf(await call(byDefault, 'container_start', { id: name }));
    expect(again.preview).toMatch(new RegExp(`- ${victim.name} .*HostConfig\\.PidMode joins`));
    expect((await inspect(name))?.State.Status).toBe('created');
    dataOf(await call(byDefault, 'container_start', { id: name, confirm: again.token }));
    expect((await inspect(name))?.State.Running).toBe(true);

    const entries = readFileSync(auditLog, 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            tool: string;
            confirmation: string;
            reaches?: string[];
            effects: string[];
          },
      );
    const started = entries.filter(
      (e) => e.tool === 'container_start' && e.confirmation === 'token',
    );
    expect(started.at(-1)).toMatchObject({
      reaches: [victim.id],
      effects: expect.arrayContaining(['runs-code', 'destroys']),
    });
  });
});
