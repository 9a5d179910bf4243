/**
 * Signals on stop, restart and kill (carried out by the server on engines before API 1.42),
 * and container_wait's conditions, timeouts and the engine's own error message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, eventually, inspect, removeTestContainers } from '../helpers/docker.js';
import { added, trapping } from '../helpers/lifecycle.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

let session: Session;
beforeAll(async () => {
  session = await startServer();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

interface Stopped {
  changed: boolean;
  container: { status: string; running: boolean; exit_code: number };
  stop: { method: string; emulated: boolean; signal?: string; grace_s?: number };
}

describe('signals on stop, restart and kill', () => {
  it('stop: a process that ignores the signal is killed after t seconds', async () => {
    // sleep as PID 1 has no handlers, so the kernel drops SIGUSR1 for it.
    const c = await createContainer({ cmd: ['sleep', '3600'] });
    const result = await call(session, 'container_stop', { id: c.name, signal: 'SIGUSR1', t: 1 });
    const data = dataOf<Stopped>(result);
    expect(data.container).toMatchObject({ running: false, exit_code: 137 });
    expect((await inspect(c.id))?.State).toMatchObject({ Running: false, ExitCode: 137 });
    if (data.stop.emulated) {
      expect(data.stop).toMatchObject({
        method: 'sigkill_after_grace',
        signal: 'SIGUSR1',
        grace_s: 1,
      });
      expect(textOf(result)).toMatch(
        /still running after 1 s, so it was killed with SIGKILL \(exit code 137\)/,
      );
      expect(textOf(result)).toMatch(/This engine speaks API 1\.\d+, which ignores `signal`/);
    }
  });

  it('stop: a container that removes itself on exit is reported as removed', async () => {
    const c = await trapping({ USR1: 'exit 5' }, { AutoRemove: true });
    const result = await call(session, 'container_stop', { id: c.name, signal: 'USR1', t: 20 });
    expect(dataOf<Stopped>(result).container.status).toMatch(/^(removed|removing|exited)$/);
    await eventually(async () => (await inspect(c.id)) === undefined);
    expect(textOf(result)).not.toMatch(/SIGKILL \(/);
  });

  it('restart: the signal reaches the process, then it runs again', async () => {
    const c = await trapping({ USR1: 'touch /got-usr1; exit 3' });
    const data = dataOf<Stopped>(
      await call(session, 'container_restart', { id: c.name, signal: 'usr1', t: 20 }),
    );
    expect(data.container).toMatchObject({ status: 'running', running: true });
    expect((await inspect(c.id))?.State.Running).toBe(true);
    expect(await added(c.id)).toContain('/got-usr1');
    if (data.stop.emulated)
      expect(data.stop).toMatchObject({ method: 'signal', signal: 'SIGUSR1' });
  });

  it('restart without a signal starts a container that is not running', async () => {
    const c = await createContainer({ start: false });
    const data = dataOf<Stopped>(await call(session, 'container_restart', { id: c.name }));
    expect(data).toMatchObject({ container: { running: true }, stop: { method: 'engine' } });
    expect((await inspect(c.id))?.State.Running).toBe(true);
  });

  it('kill with a catchable signal leaves the container running', async () => {
    const c = await trapping({ HUP: 'touch /got-hup' });
    const result = await call(session, 'container_kill', { id: c.name, signal: 1 });
    expect(textOf(result)).toMatch(
      new RegExp(`^Sent SIGHUP \\(1\\) to ${c.name}\\.\\nNow: ${c.name} \\(.*\\): running`),
    );
    await eventually(async () => (await added(c.id)).includes('/got-hup'));
    expect((await inspect(c.id))?.State.Running).toBe(true);
  });
});

describe('container_wait', () => {
  it('gives up after timeout_s, changes nothing, and leaves the server responsive', async () => {
    const c = await createContainer();
    const result = await call(session, 'container_wait', { id: c.name, timeout_s: 1 });
    expect(dataOf<{ timed_out: boolean; container: { running: boolean } }>(result)).toMatchObject({
      timed_out: true,
      container: { running: true },
    });
    expect(textOf(result)).toMatch(
      /^Timed out after 1 s: .* has not met "not-running" yet\. Nothing was changed/,
    );
    expect((await inspect(c.id))?.State.Running).toBe(true);
    // The abandoned waits hold nothing up: quick calls still answer at once.
    await Promise.all(
      Array.from({ length: 3 }, () =>
        call(session, 'container_wait', { id: c.name, timeout_s: 1 }),
      ),
    );
    const listed = await call(session, 'container_inspect', { id: c.name });
    expect(listed.isError).toBeFalsy();
  });

  it('not-running returns at once for a stopped container; next-exit waits for the next run', async () => {
    const c = await createContainer({ cmd: ['sh', '-c', 'exit 7'] });
    await eventually(async () => (await inspect(c.id))?.State.Running === false);
    const now = dataOf<{ timed_out: boolean; exit_code: number }>(
      await call(session, 'container_wait', { id: c.name }),
    );
    expect(now).toMatchObject({ timed_out: false, exit_code: 7 });
    const next = dataOf<{ timed_out: boolean }>(
      await call(session, 'container_wait', { id: c.name, condition: 'next-exit', timeout_s: 1 }),
    );
    expect(next.timed_out).toBe(true);
  });

  it("returns the engine's error for a container whose command could not start", async () => {
    const c = await createContainer({ cmd: ['/no-such-binary'], start: false });
    const start = await call(session, 'container_start', { id: c.name });
    expect(start.isError).toBe(true);
    expect(textOf(start)).toMatch(/Next: The container's command could not be started/);
    const waited = dataOf<{ exit_code: number; error?: string }>(
      await call(session, 'container_wait', { id: c.name }),
    );
    expect(waited.exit_code).toBe(127);
    expect(waited.error).toMatch(/no-such-binary/);
  });
});
