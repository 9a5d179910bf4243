/**
 * container_wait for readiness through a real MCP client against the real engine: waits
 * that end on healthy, on a log line (either stream), on unhealthy, on exit, on removal, on
 * timeout, and on a cancel, which ends it at once and leaves no engine request behind.
 * Healthchecks use the test image's busybox applets (`busybox nc`): a listener that
 * answers, a port nobody listens on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  eventually,
  removeTestContainers,
  type CreateOptions,
} from '../helpers/docker.js';
import { startEngineProxy, type EngineProxy } from '../helpers/engine-proxy.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

interface WaitData {
  condition: string;
  met: boolean;
  timed_out: boolean;
  waited_s: number;
  reason?: string;
  at?: string;
  evidence?: string;
  line?: { stream: string; text: string; time?: string };
  exit_code?: number;
  container?: { status: string; health?: string };
}

const SECOND = 1_000_000_000;
/** A probe every second; two failures make it unhealthy. */
const probe = (test: string) => ({
  Healthcheck: { Test: ['CMD-SHELL', test], Interval: SECOND, Timeout: 2 * SECOND, Retries: 2 },
});
/** Answers on :8080 once started (after `delay` seconds). */
const listener = (delay: number): CreateOptions => ({
  cmd: ['sh', '-c', `sleep ${delay}; echo ready; busybox nc -ll -p 8080 -e echo ok`],
  config: probe('busybox nc 127.0.0.1 8080 </dev/null'),
});

let session: Session;
let proxy: EngineProxy;
let proxied: Session;

beforeAll(async () => {
  proxy = await startEngineProxy();
  [session, proxied] = await Promise.all([
    startServer(),
    startServer({ env: { DOCKER_HOST: proxy.url } }),
  ]);
});
afterAll(async () => {
  await Promise.all([session?.close(), proxied?.close()]);
  await proxy?.close();
  await removeTestContainers();
});

const wait = async (args: Record<string, unknown>) => {
  const result = await call(session, 'container_wait', { timeout_s: 60, ...args });
  return { text: textOf(result), data: dataOf<WaitData>(result) };
};

describe.concurrent('container_wait for readiness', () => {
  it('ends when the healthcheck passes, with the passing probe as evidence', async () => {
    const c = await createContainer(listener(2));
    const { text, data } = await wait({ id: c.name, condition: 'healthy' });
    expect(data).toMatchObject({ met: true, timed_out: false, container: { health: 'healthy' } });
    expect(data.evidence).toBe(
      'its healthcheck `busybox nc 127.0.0.1 8080 </dev/null` passed (exit 0: ok).',
    );
    expect(data.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(text).toMatch(
      new RegExp(`^${c.name} is healthy \\(waited [\\d.]+ s\\): its healthcheck`),
    );
  });

  it('ends on the first matching line, from stdout or stderr', async () => {
    const out = await createContainer({
      cmd: ['sh', '-c', 'echo booting; sleep 2; echo ready now; sleep 3600'],
    });
    const err = await createContainer({
      cmd: ['sh', '-c', 'sleep 2; echo listening >&2; sleep 3600'],
    });
    const [onOut, onErr] = await Promise.all([
      wait({ id: out.name, condition: 'log', pattern: '^ready' }),
      wait({ id: err.name, condition: 'log', pattern: 'listen(ing)?' }),
    ]);
    expect(onOut.data).toMatchObject({ met: true, line: { stream: 'stdout', text: 'ready now' } });
    expect(onOut.data.at).toBe(onOut.data.line?.time);
    expect(onOut.text).toContain(`${out.name} wrote a line matching /^ready/`);
    expect(onOut.text).toContain(': "ready now".');
    expect(onErr.data).toMatchObject({ met: true, line: { stream: 'stderr', text: 'listening' } });
  });

  it('looks only at lines written since the time given', async () => {
    const c = await createContainer({ cmd: ['sh', '-c', 'echo ready; sleep 3600'] });
    await eventually(async () =>
      (await docker('GET', `/containers/${c.id}/logs?stdout=1`)).raw.includes('ready'),
    );
    const earlier = await wait({ id: c.name, condition: 'log', pattern: 'ready', timeout_s: 10 });
    expect(earlier.data.met).toBe(true);
    const later = await wait({
      id: c.name,
      condition: 'log',
      pattern: 'ready',
      since: '0s',
      timeout_s: 2,
    });
    expect(later.data).toMatchObject({ met: false, timed_out: true });
  });

  it('ends on unhealthy, with the failing probe and its output', async () => {
    const c = await createContainer({
      cmd: ['sleep', '3600'],
      config: probe('busybox nc 127.0.0.1 8080 </dev/null'),
    });
    const { text, data } = await wait({ id: c.name, condition: 'healthy' });
    expect(data).toMatchObject({ met: false, timed_out: false, reason: 'unhealthy' });
    expect(data.evidence).toMatch(
      /^unhealthy: `busybox nc 127\.0\.0\.1 8080 <\/dev\/null` failed \d+ times in a row; last probe exit 1: nc: can't connect to remote host \(127\.0\.0\.1\): Connection refused/,
    );
    expect(text).toContain(`${c.name} will not become healthy by itself`);
  });

  it('ends when the container exits, with the exit code and what it means', async () => {
    const c = await createContainer({
      cmd: ['sh', '-c', 'sleep 2; echo starting; sleep 0.3; echo boom >&2; exit 1'],
    });
    const line = await wait({ id: c.name, condition: 'log', pattern: 'ready' });
    expect(line.data).toMatchObject({ met: false, reason: 'exited', exit_code: 1 });
    expect(line.data.evidence).toMatch(
      /^it exited with code 1: the application exited with an error \(code 1\) before writing a line matching \/ready\/ \(2 lines read; last: "boom"\); its restart policy \(no\) will not start it again/,
    );
    expect(line.text).toContain(`${c.name} will not write a line matching /ready/ by itself`);
    const running = await wait({ id: c.name, condition: 'running' });
    expect(running.data).toMatchObject({ met: false, reason: 'exited', exit_code: 1 });
    const healthy = await wait({ id: c.name, condition: 'healthy' });
    expect(healthy.data).toMatchObject({ met: false, reason: 'no_healthcheck' });
  });

  it('ends when the container is removed', async () => {
    const c = await createContainer({ cmd: ['sleep', '3600'] });
    const waiting = wait({ id: c.name, condition: 'log', pattern: 'never' });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await docker('DELETE', `/containers/${c.id}?force=1`);
    const { data, text } = await waiting;
    expect(data).toMatchObject({ met: false, reason: 'removed' });
    expect(text).toContain('removed (the engine no longer has it)');
  });

  it('ends when the container is removed while its logs are asked for', async () => {
    // The engine refuses the logs of a container marked for removal (409): driven on purpose,
    // the removal made between the wait's lookup and its logs request.
    const c = await createContainer({ cmd: ['sleep', '3600'] });
    const racing = await startEngineProxy({
      before: async ({ path }) => {
        if (path.endsWith('/logs')) await docker('DELETE', `/containers/${c.id}?force=1`);
      },
    });
    const server = await startServer({ env: { DOCKER_HOST: racing.url } });
    try {
      const result = await call(server, 'container_wait', {
        id: c.name,
        condition: 'log',
        pattern: 'never',
        timeout_s: 20,
      });
      expect(dataOf<WaitData>(result)).toMatchObject({ met: false, reason: 'removed' });
      expect(racing.requests().map((r) => r.path)).toContain(`/containers/${c.id}/logs`);
    } finally {
      await server.close();
      await racing.close();
    }
  });

  it('times out, saying what it saw and changing nothing', async () => {
    // A pause between: the engine copies each pipe on its own.
    const c = await createContainer({
      cmd: ['sh', '-c', 'echo one; sleep 0.5; echo two >&2; sleep 3600'],
    });
    const { text, data } = await wait({
      id: c.name,
      condition: 'log',
      pattern: 'never',
      timeout_s: 3,
    });
    expect(data).toMatchObject({ met: false, timed_out: true, container: { status: 'running' } });
    expect(data.evidence).toBe('running; 2 lines read, none matching; last: "two".');
    expect(text).toMatch(
      /^Timed out after 3 s: .* has not met "log" yet \(running; 2 lines read, none matching; last: "two"\)\. Nothing was changed/,
    );
  });

  it('refuses a log wait without a pattern, and a pattern without a log wait', async () => {
    for (const [args, field] of [
      [{ id: 'x', condition: 'log' }, 'pattern'],
      [{ id: 'x', condition: 'healthy', pattern: 'a' }, 'pattern'],
      [{ id: 'x', condition: 'running', since: '1m' }, 'since'],
      [{ id: 'x', condition: 'log', pattern: '(?<=a)b' }, 'pattern'],
    ] as const) {
      const result = await call(session, 'container_wait', args);
      expect(result.isError).toBe(true);
      expect(textOf(result)).toContain(field);
    }
  });
});

describe('a cancelled readiness wait', () => {
  it('ends at once and leaves no engine request behind', async () => {
    // A healthcheck due only every minute: the wait has nothing to end it but the cancel.
    const c = await createContainer({
      cmd: ['sleep', '3600'],
      config: { Healthcheck: { Test: ['CMD', 'true'], Interval: 60 * SECOND } },
    });
    const controller = new AbortController();
    const pending = proxied.client.callTool(
      { name: 'container_wait', arguments: { id: c.name, condition: 'healthy', timeout_s: 60 } },
      undefined,
      { signal: controller.signal },
    );
    // Waiting: its event stream is open at the engine.
    await eventually(() => Promise.resolve(proxy.inFlight().some((r) => r.path === '/events')));
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    // Within a few seconds even on a loaded CI machine; on failure, say what is left open.
    await eventually(() => Promise.resolve(proxy.inFlight().length === 0), 5000).catch(() => {
      throw new Error(`still open at the engine: ${JSON.stringify(proxy.inFlight())}`);
    });
    const after = proxy.count();
    await new Promise((resolve) => setTimeout(resolve, 2500)); // more than a poll interval
    expect(proxy.requests().slice(after)).toEqual([]);
    await proxied.client.ping();
  });
});
