/**
 * The engine fails, the server does not: through a proxy in front of the real engine that
 * goes away and comes back, stalls (quick and long calls, before or after its headers), cuts
 * answers mid-body and resets connections. Each case gets its own clear answer within its
 * bound (--timeout 3 for quick calls, --idle-timeout 2 for long ones, container_wait's
 * timeout_s for the whole wait), and the server answers a ping right after.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { createContainer, removeTestContainers, type TestContainer } from '../helpers/docker.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

const QUICK_S = 3;
const IDLE_S = 2;
/** Start-up of a request, scheduling on a shared machine: what a bound may be late by. */
const SLACK_MS = 4000;

let proxy: FaultProxy;
let session: Session;
let talker: TestContainer;

beforeAll(async () => {
  talker = await createContainer({ cmd: ['sh', '-c', 'seq 1 300; sleep 3600'] });
  proxy = await startFaultProxy();
  session = await startServer({
    args: ['--timeout', String(QUICK_S), '--idle-timeout', String(IDLE_S)],
    env: { DOCKER_HOST: proxy.url },
  });
  // The first call negotiates the API version; faults below hit the calls themselves.
  dataOf(await call(session, 'container_inspect', { id: talker.name }));
});
afterAll(async () => {
  await session?.close();
  await proxy?.close();
  await removeTestContainers();
});

async function timed(
  name: string,
  args: Record<string, unknown>,
): Promise<{ result: CallToolResult; text: string; ms: number }> {
  const started = performance.now();
  const result = await call(session, name, args);
  return { result, text: textOf(result), ms: performance.now() - started };
}

/** The server still serves: a ping answers (and the engine, healed, answers a call). */
async function stillServing(): Promise<void> {
  proxy.heal();
  await session.client.ping();
  expect(dataOf(await call(session, 'container_inspect', { id: talker.name }))).toBeDefined();
}

describe('an engine that goes away and comes back', () => {
  it('answers "cannot reach" at once, then works again', async () => {
    await proxy.down();
    try {
      const { result, text, ms } = await timed('container_list', {});
      expect(result.isError).toBe(true);
      expect(text).toContain(`cannot reach the Docker engine at ${proxy.url} (ENOENT`);
      expect(text).toContain('Next: The server is still running; retry once the engine');
      expect(ms).toBeLessThan(SLACK_MS);
    } finally {
      await proxy.up();
    }
    await stillServing();
  });
});

describe('an engine that stalls', () => {
  it('ends a quick call at --timeout', async () => {
    proxy.fail([
      { path: /^\/containers\/[^/]+\/json/, fault: { kind: 'stall', after: 'nothing' } },
    ]);
    const { result, text, ms } = await timed('container_inspect', { id: talker.name });
    expect(result.isError).toBe(true);
    expect(text).toContain(`got no answer from ${proxy.url} within ${QUICK_S * 1000} ms`);
    expect(text).toContain('Nothing was changed: this call only reads.');
    expect(ms).toBeLessThan(QUICK_S * 1000 + SLACK_MS);
    await stillServing();
  });

  it.each([
    ['container_logs', { tail: 'all' }, 'GET /containers/{id}/logs', 'headers'],
    ['container_logs', { tail: 'all' }, 'GET /containers/{id}/logs', 'nothing'],
    ['container_export', {}, 'GET /containers/{id}/export', 'headers'],
    ['container_archive', { path: '/bin' }, 'GET /containers/{id}/archive', 'nothing'],
  ] as const)(
    'ends %s %j at --idle-timeout when %s goes quiet after %s',
    async (tool, args, endpoint, after) => {
      const path = new RegExp(`^${endpoint.split(' ')[1]!.replace('{id}', '[^/]+')}`);
      proxy.fail([{ method: 'GET', path, fault: { kind: 'stall', after } }]);
      const { result, text, ms } = await timed(tool, { id: talker.name, ...args });
      expect(result.isError).toBe(true);
      expect(text).toContain(
        `the engine at ${proxy.url} sent nothing for ${IDLE_S} s during ${endpoint}, so the request was aborted (--idle-timeout)`,
      );
      expect(text).toContain('Nothing was changed: this call only reads.');
      expect(text).toContain('Next:');
      expect(ms).toBeLessThan(IDLE_S * 1000 + SLACK_MS);
      await stillServing();
    },
  );

  it('ends container_wait at timeout_s, lookups included, with "timed out"', async () => {
    proxy.fail([{ path: /^\/containers\//, fault: { kind: 'stall', after: 'nothing' } }]);
    const { result, text, ms } = await timed('container_wait', { id: talker.name, timeout_s: 3 });
    expect(text).toMatch(/^Timed out after 3 s/);
    expect(text).toContain(`Its state is unknown: the engine at ${proxy.url} did not answer`);
    expect(result.isError).toBeFalsy();
    expect(ms).toBeLessThan(3000 + 1000 + SLACK_MS); // timeout_s, then 1 s for the state
    await stillServing();
  });
});

describe('an answer cut mid-body', () => {
  it.each([
    ['container_logs', { tail: 'all' }, 'GET /containers/{id}/logs'],
    ['container_export', {}, 'GET /containers/{id}/export'],
    ['container_archive', { path: '/bin' }, 'GET /containers/{id}/archive'],
  ] as const)('%s says what broke, that nothing changed, and what next', async (tool, args, ep) => {
    const path = new RegExp(`^${ep.split(' ')[1]!.replace('{id}', '[^/]+')}`);
    proxy.fail([{ method: 'GET', path, fault: { kind: 'cut', afterBytes: 700 } }]);
    const { result, text, ms } = await timed(tool, { id: talker.name, ...args });
    expect(result.isError).toBe(true);
    expect(text).toContain(`the connection to the engine at ${proxy.url} broke during ${ep}`);
    expect(text).toContain('Nothing was changed: this call only reads.');
    expect(text).toMatch(/Next: Call again; if it breaks again, check the engine/);
    expect(text).not.toMatch(/\n\s+at /); // no stack trace
    expect(ms).toBeLessThan(SLACK_MS);
    expect(session.stderr()).not.toMatch(/error: .*\n\s+at /);
    await stillServing();
  });
});

describe('a connection reset', () => {
  it('on a read: what broke and that nothing changed', async () => {
    proxy.fail([{ path: /^\/containers\/json/, fault: { kind: 'reset' } }]);
    const { result, text, ms } = await timed('container_list', {});
    expect(result.isError).toBe(true);
    expect(text).toContain(
      `the connection to the engine at ${proxy.url} broke during GET /containers/json`,
    );
    expect(text).toContain('Nothing was changed: this call only reads.');
    expect(ms).toBeLessThan(SLACK_MS);
    await stillServing();
  });

  it('on an archive put: what may have been written', async () => {
    proxy.fail([{ method: 'PUT', path: /\/archive/, fault: { kind: 'reset' } }]);
    const { result, text } = await timed('put_container_archive', {
      id: talker.name,
      path: '/tmp',
      files: [{ path: 'a.txt', content: 'hello' }],
    });
    expect(result.isError).toBe(true);
    expect(text).toContain(`broke during PUT /containers/{id}/archive`);
    expect(text).toContain('some files may have been written');
    await stillServing();
  });
});
