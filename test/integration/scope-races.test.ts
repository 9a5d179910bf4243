/**
 * Resolve once, against the real engine through a proxy that sees (and can act between)
 * every engine request of a call. The race of the issue is driven on purpose, a bounded
 * number of rounds: the in-scope container carries as its name a prefix of an out-of-scope
 * container's id, and right after the call's scope lookup it is renamed away, so that the
 * same reference, looked up again, names the out-of-scope container. No later request of
 * the call may reach it. And a guarded call costs one lookup of the name.
 */
import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  removeTestContainers,
  uniqueName,
  type TestContainer,
} from '../helpers/docker.js';
import {
  startEngineProxy,
  type EngineProxy,
  type ProxiedRequest,
} from '../helpers/engine-proxy.js';
import { engineStat, putFiles } from '../helpers/files.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

const KEY = 'cmcp.scope';
const VALUE = randomUUID().slice(0, 8);
const SCOPE = ['--scope-label', `${KEY}=${VALUE}`];

let inside: TestContainer;
let outside: TestContainer;
/** A prefix of the out-of-scope container's id, which the in-scope one takes as its name. */
let prefix: string;
const away = uniqueName('away');

/** After the call's first lookup of `prefix`, the next request finds it renamed away. */
const race = {
  armed: false,
  looked: false,
  renamed: false,
  async before(seen: ProxiedRequest): Promise<void> {
    if (!race.armed) return;
    if (race.looked && !race.renamed) {
      race.renamed = true;
      await docker('POST', `/containers/${inside.id}/rename?name=${away}`);
    }
    if (seen.path === `/containers/${prefix}/json`) race.looked = true;
  },
  /** Give the in-scope container the prefix as its name again, and arm the next round. */
  async arm(): Promise<void> {
    race.armed = false;
    await docker('POST', `/containers/${inside.id}/rename?name=${prefix}`);
    Object.assign(race, { armed: true, looked: false, renamed: false });
  },
};

let proxy: EngineProxy;
let session: Session;

beforeAll(async () => {
  [inside, outside, proxy] = await Promise.all([
    createContainer({
      labels: { [KEY]: VALUE },
      cmd: ['sh', '-c', 'echo inside-marker; sleep 3600'],
    }),
    createContainer({ cmd: ['sh', '-c', 'echo outside-marker; sleep 3600'] }),
    startEngineProxy({ before: (seen) => race.before(seen) }),
  ]);
  prefix = outside.id.slice(0, 12);
  await putFiles(inside.id, '/', [{ name: 'inside-only', content: 'x' }]);
  session = await startServer({ args: SCOPE, env: { DOCKER_HOST: proxy.url } });
});
afterAll(async () => {
  await session?.close();
  await proxy?.close();
  await removeTestContainers();
});

/** One bounded round per tool: each reads or writes through the same raced reference. */
const ROUNDS: {
  tool: string;
  args: Record<string, unknown>;
  check: (result: CallToolResult) => Promise<void> | void;
}[] = [
  {
    tool: 'container_logs',
    args: {},
    check: (result) => {
      expect(textOf(result)).toContain('inside-marker');
      expect(textOf(result)).not.toContain('outside-marker');
    },
  },
  {
    tool: 'put_container_archive',
    args: { path: '/tmp', files: [{ path: 'raced.txt', content: 'x' }] },
    check: async () => {
      expect(await engineStat(outside.id, '/tmp/raced.txt')).toBeUndefined();
      expect(await engineStat(inside.id, '/tmp/raced.txt')).toBeDefined();
    },
  },
  {
    tool: 'container_archive_info',
    args: { path: '/inside-only' },
    check: (result) => {
      expect(dataOf<{ stat: { type: string } }>(result).stat.type).toBe('file');
    },
  },
  {
    // A container's /etc/hostname holds its short id.
    tool: 'container_archive',
    args: { path: '/etc/hostname' },
    check: (result) => {
      const { content } = dataOf<{ content: { data: string } }>(result);
      expect(content.data.trim()).toBe(inside.id.slice(0, 12));
    },
  },
];

describe('a reference renamed between the scope check and the action', () => {
  it.each(ROUNDS)('$tool reaches only the container that was checked', async (round) => {
    await race.arm();
    const result = await call(session, round.tool, { ...round.args, id: prefix });
    race.armed = false;
    expect(race.renamed, 'the race was driven').toBe(true);
    expect(result.isError, textOf(result)).toBeFalsy();
    await round.check(result);
  });
});

describe('resolve once', () => {
  const containerRequests = (from: number) =>
    proxy
      .requests()
      .slice(from)
      .filter((r) => r.path.startsWith('/containers/'))
      .map(({ method, path }) => ({ method, path }));

  it('a guarded stop costs one lookup by name; every other request uses the full id', async () => {
    const guarded = await startServer({
      args: [...SCOPE, '--confirm', 'destructive'],
      env: { DOCKER_HOST: proxy.url },
    });
    try {
      const target = await createContainer({ labels: { [KEY]: VALUE } });
      const first = proxy.count();
      const asked = await call(guarded, 'container_stop', { id: target.name, t: 0 });
      const token = (asked.structuredContent as { token: string }).token;
      expect(containerRequests(first)).toEqual([
        { method: 'GET', path: `/containers/${target.name}/json` },
      ]);

      const second = proxy.count();
      const done = await call(guarded, 'container_stop', { id: target.name, t: 0, confirm: token });
      expect(dataOf<{ changed: boolean }>(done).changed).toBe(true);
      const requests = containerRequests(second);
      expect(requests.filter((r) => r.path.includes(target.name))).toEqual([
        { method: 'GET', path: `/containers/${target.name}/json` },
      ]);
      expect(requests.slice(1).every((r) => r.path.startsWith(`/containers/${target.id}/`))).toBe(
        true,
      );
      // The lookup, the stop, the state afterwards.
      expect(requests.map((r) => `${r.method} ${r.path.replace(target.id, 'ID')}`)).toEqual([
        `GET /containers/${target.name}/json`,
        'POST /containers/ID/stop',
        'GET /containers/ID/json',
      ]);
    } finally {
      await guarded.close();
    }
  });
});
