/**
 * Scope covers data, not only containers, against the real engine: a name conflict with a
 * container outside the scope answers without its id, and a new container cannot mount a
 * volume that an out-of-scope container uses, nor an existing volume from outside the
 * scope; a new volume, and one its scope already uses, stay allowed.
 */
import { randomUUID } from 'node:crypto';
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

const KEY = 'cmcp.scope';
const VALUE = randomUUID().slice(0, 8);
const volume = (what: string) => `cmcp-${VALUE}-${what}`;
const SHARED = volume('shared');
const STRAY = volume('stray');
const FRESH = volume('fresh');

let session: Session;
let inside: TestContainer;
let outside: TestContainer;

beforeAll(async () => {
  await docker('POST', '/volumes/create', { Name: STRAY, Labels: testLabels() });
  [inside, outside, session] = await Promise.all([
    createContainer({ labels: { [KEY]: VALUE }, start: false }),
    createContainer({ start: false, hostConfig: { Binds: [`${SHARED}:/data`] } }),
    startServer({ args: ['--scope-label', `${KEY}=${VALUE}`] }),
  ]);
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
  await Promise.all(
    [SHARED, STRAY, FRESH].map((name) => docker('DELETE', `/volumes/${name}?force=1`)),
  );
});

const body = (hostConfig: Record<string, unknown> = {}) => ({
  Image: TEST_IMAGE,
  Labels: testLabels(),
  HostConfig: { NetworkMode: 'none', ...hostConfig },
});

describe('conflicts under a scope', () => {
  it('create with the name of an out-of-scope container does not reveal it', async () => {
    const result = await call(session, 'container_create', { name: outside.name, body: body() });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/already in use by another container/);
    expect(JSON.stringify(result)).not.toContain(outside.id);
    expect(JSON.stringify(result)).not.toContain(outside.id.slice(0, 12));
  });

  it('rename onto the name of an out-of-scope container does not reveal it', async () => {
    const result = await call(session, 'container_rename', { id: inside.name, name: outside.name });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/already in use by another container/);
    expect(JSON.stringify(result)).not.toContain(outside.id);
    expect(JSON.stringify(result)).not.toContain(outside.id.slice(0, 12));
    expect((await inspect(inside.id))?.Name).toBe(`/${inside.name}`);
  });
});

describe('volumes under a scope', () => {
  it.each([
    ['Binds', { Binds: [`${SHARED}:/stolen`] }],
    ['Mounts', { Mounts: [{ Type: 'volume', Source: SHARED, Target: '/stolen' }] }],
  ])('refuses %s naming a volume an out-of-scope container uses', async (_field, hostConfig) => {
    const name = uniqueName('thief');
    const result = await call(session, 'container_create', { name, body: body(hostConfig) });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`mounts the volume "${SHARED}"`);
    expect(textOf(result)).toContain("used by a container outside this server's scope");
    expect(await inspect(name)).toBeUndefined();
  });

  it('refuses an existing volume that nothing in scope uses and that lacks the label', async () => {
    const name = uniqueName('stray');
    const result = await call(session, 'container_create', {
      name,
      body: body({ Binds: [`${STRAY}:/data`] }),
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(`does not carry the label ${KEY}=${VALUE}`);
    expect(await inspect(name)).toBeUndefined();
  });

  it('allows a new volume, and then another container of the scope on it', async () => {
    const first = dataOf<{ id: string }>(
      await call(session, 'container_create', {
        name: uniqueName('owner'),
        body: body({ Binds: [`${FRESH}:/data`] }),
      }),
    );
    expect((await inspect(first.id))?.Mounts.map((m) => m.Name)).toEqual([FRESH]);
    const second = await call(session, 'container_create', {
      name: uniqueName('sharer'),
      body: body({ Mounts: [{ Type: 'volume', Source: FRESH, Target: '/data' }] }),
    });
    expect(second.isError, textOf(second)).toBeFalsy();
  });
});
