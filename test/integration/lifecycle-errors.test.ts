/**
 * The lifecycle tools' error paths against the real engine: unknown containers (404),
 * wrong states (409 and the engine's odd 400/500s), "already" answers (304) and bad
 * parameters, each answer naming what to do next; and the engine state left unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  inspect,
  removeTestContainers,
  RUN_ID,
  type TestContainer,
} from '../helpers/docker.js';
import { call, dataOf, startServer, textOf, type Session } from '../helpers/mcp.js';

let session: Session;
let running: TestContainer;
let stopped: TestContainer;
let paused: TestContainer;
beforeAll(async () => {
  [running, stopped, paused] = await Promise.all([
    createContainer(),
    createContainer({ start: false }),
    createContainer(),
  ]);
  await docker('POST', `/containers/${paused.id}/pause`);
  session = await startServer();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function failure(name: string, args: Record<string, unknown>): Promise<string> {
  const result = await call(session, name, args);
  expect(result.isError, `${name} should fail: ${textOf(result)}`).toBe(true);
  return textOf(result);
}

describe('unknown containers', () => {
  const missing = `nope-${RUN_ID}`;
  it.each([
    ['container_start', {}],
    ['container_stop', {}],
    ['container_stop', { signal: 'SIGUSR1' }],
    ['container_restart', {}],
    ['container_restart', { signal: 'SIGUSR1' }],
    ['container_kill', {}],
    ['container_pause', {}],
    ['container_unpause', {}],
    ['container_rename', { name: `other-${RUN_ID}` }],
    ['container_update', { update: { CpuShares: 512 } }],
    ['container_wait', {}],
    ['container_top', {}],
    ['container_changes', {}],
    ['container_delete', {}],
  ])('%s %j answers 404 with the next step', async (name, extra) => {
    const text = await failure(name, { id: missing, ...extra });
    expect(text).toMatch(/Engine error \[not_found\] \(HTTP 404/);
    expect(text).toContain(`No such container: ${missing}`);
    expect(text).toContain('Next: Check the name or id with container_list');
  });
});

describe('already in that state (304)', () => {
  it('start on a running container changes nothing and says so', async () => {
    const result = await call(session, 'container_start', { id: running.name });
    expect(textOf(result)).toMatch(
      new RegExp(
        `^${running.name} was already running; nothing to do\\.\\nNow: ${running.name} \\(`,
      ),
    );
    expect(dataOf<{ changed: boolean }>(result).changed).toBe(false);
    expect((await inspect(running.id))?.State.Running).toBe(true);
  });

  it.each([{}, { signal: 'SIGINT' }])(
    'stop %j on a created container changes nothing',
    async (extra) => {
      const result = await call(session, 'container_stop', { id: stopped.name, ...extra });
      expect(textOf(result)).toMatch(/was not running\. Nothing to do\./);
      expect(dataOf<{ changed: boolean; stop: { method: string } }>(result)).toMatchObject({
        changed: false,
        stop: { method: 'already_stopped' },
      });
      expect((await inspect(stopped.id))?.State.Status).toBe('created');
    },
  );
});

describe('wrong state (409 and friends)', () => {
  // Each engine words these its own way (20.10 "You cannot remove a running container",
  // 26 "cannot remove container ...: container is running"): the server's promise is the
  // engine's status and its own words, passed on as they are, and the same next step. The
  // engine's answer to the same request, asked directly, is what the answer must carry.
  it.each([
    ['container_pause', 'paused', 'POST', 'pause', /nothing to do\. container_unpause resumes it/],
    ['container_start', 'paused', 'POST', 'start', /resume it with container_unpause/],
    ['container_delete', 'paused', 'DELETE', '', /unpause it .* or pass force: true/],
    [
      'container_delete',
      'running',
      'DELETE',
      '',
      /stop it first \(container_stop\) or pass force: true/,
    ],
    ['container_kill', 'stopped', 'POST', 'kill', /already stopped: there is nothing to signal/],
    ['container_pause', 'stopped', 'POST', 'pause', /start it first \(container_start\)/],
    ['container_top', 'stopped', 'GET', 'top', /start it first \(container_start\)/],
    ['container_unpause', 'running', 'POST', 'unpause', /not paused; nothing to unpause/],
  ] as const)('%s on a %s container', async (tool, which, method, action, next) => {
    const target = { running, stopped, paused }[which];
    const before = (await inspect(target.id))?.State.Status;
    const engine = await docker<{ message: string }>(
      method,
      `/containers/${target.id}${action ? `/${action}` : ''}`,
    );
    expect(engine.status).toBeGreaterThanOrEqual(400);
    const text = await failure(tool, { id: target.name });
    const [headline, advice] = text.split('\n');
    const endpoint = `${method} /containers/{id}${action ? `/${action}` : ''}`;
    expect(headline).toMatch(
      new RegExp(`^Engine error \\[\\w+\\] \\(HTTP ${engine.status} from ${escape(endpoint)}\\): `),
    );
    // The server may name the container by name or id: compare with both as one placeholder.
    const neutral = (words: string) =>
      words.replaceAll(target.id, 'C').replaceAll(target.name, 'C');
    expect(neutral(headline ?? '')).toContain(neutral(engine.body.message));
    expect(advice).toMatch(/^Next: /);
    expect(advice).toMatch(next);
    expect((await inspect(target.id))?.State.Status).toBe(before);
  });

  it('rename to a taken name, or to its own name', async () => {
    const taken = await failure('container_rename', { id: running.name, name: stopped.name });
    expect(taken).toMatch(/\[conflict\] \(HTTP 409.*is already in use/);
    expect(taken).toContain('Next: The name is taken');
    const same = await failure('container_rename', { id: running.name, name: running.name });
    expect(same).toMatch(/\[bad_request\] \(HTTP 400.*same name/);
    expect(same).toContain('Next: The container already has that name');
    expect((await inspect(running.id))?.Name).toBe(`/${running.name}`);
  });

  it('top with ps arguments that drop the PID column: refused before the engine runs ps', async () => {
    const text = await failure('container_top', { id: running.name, ps_args: '-o comm' });
    expect(text).toContain('ps_args: the columns must include "pid"');
    expect(text).toContain('accepted: UNIX options -e, -A');
    const aux = dataOf<{ titles: string[] }>(
      await call(session, 'container_top', { id: running.name, ps_args: 'aux' }),
    );
    expect(aux.titles).toContain('PID');
    expect(aux.titles).toContain('%CPU');
  });
});

describe('container_update limits', () => {
  it('explains the 6 MiB minimum', async () => {
    const text = await failure('container_update', { id: running.name, update: { Memory: 1024 } });
    expect(text).toContain('Minimum memory limit allowed is 6MB');
    expect(text).toContain('Next: Memory must be at least 6 MiB (6291456 bytes)');
    expect((await inspect(running.id))?.HostConfig.Memory).toBe(0);
  });

  it('explains that raising memory needs MemorySwap in the same call', async () => {
    const text = await failure('container_update', {
      id: running.name,
      update: { Memory: 32 * 1024 * 1024 },
    });
    expect(text).toMatch(/memoryswap/i);
    expect(text).toContain('Next: Set MemorySwap in the same call');
  });

  it('refuses fields fixed at creation, and an empty update, before the engine', async () => {
    const fixed = await failure('container_update', {
      id: running.name,
      update: { Ulimits: [{ Name: 'nofile', Soft: 1, Hard: 1 }] },
    });
    expect(fixed).toContain('- update.Ulimits: cannot be changed on an existing container');
    expect(fixed).not.toContain('is empty');
    const empty = await failure('container_update', { id: running.name, update: {} });
    expect(empty).toContain('- update: is empty: give at least one field to change');
    const typo = await failure('container_update', { id: running.name, update: { Memroy: 1 } });
    expect(typo).toContain('update.Memroy: unknown field (did you mean "Memory"?)');
  });

  it('reports the limits now in force', async () => {
    const result = await call(session, 'container_update', {
      id: running.name,
      update: { PidsLimit: 64, CpuShares: 512 },
    });
    expect(dataOf<{ limits: object }>(result).limits).toMatchObject({
      pids_limit: 64,
      cpu_shares: 512,
    });
    expect(textOf(result)).toMatch(/cpu shares 512, pids 64/);
    expect((await inspect(running.id))?.HostConfig).toMatchObject({
      PidsLimit: 64,
      CpuShares: 512,
    });
  });
});

describe('bad parameters', () => {
  it.each([
    [
      'container_kill',
      { signal: 'SIGTREM' },
      /signal: unknown signal "SIGTREM" \(did you mean "SIGTERM"\?\)/,
    ],
    ['container_kill', { signal: 0 }, /signal: signal number 0 is out of range: use 1-64/],
    ['container_stop', { signal: 'BOGUS' }, /signal: unknown signal "BOGUS"/],
    ['container_stop', { t: 601 }, /t: Too big/],
    ['container_restart', { t: -1 }, /t: Too small/],
    [
      'container_wait',
      { condition: 'stopped' },
      /condition: must be one of "not-running", "next-exit", "removed"/,
    ],
    ['container_wait', { timeout_s: 0 }, /timeout_s: Too small/],
    ['container_rename', { name: 'has space' }, /name: must be at least 2 characters/],
    ['container_rename', { name: 'x' }, /name: must be at least 2 characters/],
    [
      'container_start',
      { detach_keys: 'ctrl-' },
      /detach_keys: must be comma-separated keys, each a letter or ctrl-/,
    ],
    ['container_top', { ps_args: '-ef; rm -rf /' }, /ps_args: "-ef;": "-;" is not a ps option/],
    ['container_changes', { path: 'etc' }, /path: must be an absolute path/],
    ['container_delete', { force: 'yes' }, /force: expected boolean, received string/],
  ] as const)('%s %j', async (tool, extra, message) => {
    const text = await failure(tool, { id: running.name, ...extra });
    expect(text).toMatch(new RegExp(`^Invalid arguments for ${tool}:`));
    expect(text).toMatch(message);
  });

  it('changes nothing on the engine when arguments are refused', async () => {
    await failure('container_kill', { id: running.name, signal: 'NOPE' });
    await failure('container_delete', { id: running.name, forse: true });
    expect((await inspect(running.id))?.State.Running).toBe(true);
  });
});
