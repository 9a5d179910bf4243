/**
 * Confirmation by token (clients without elicitation), through a real MCP client against
 * the real engine: every guarded tool changes nothing until repeated with its token; wrong,
 * reused, expired, foreign and outdated tokens are refused; deny and none modes; the
 * audit log.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  docker,
  FILE_LABEL,
  inspect,
  removeTestContainers,
  testLabels,
  TEST_IMAGE,
  uniqueName,
} from '../helpers/docker.js';
import { confirmationOf } from '../helpers/confirmation.js';
import { engineReadFile } from '../helpers/files.js';
import { GUARDED_CASES, prepareAll, type Target } from '../helpers/guarded.js';
import { connectSession, startHttpServer, type HttpServer } from '../helpers/http.js';
import { call, startServer, textOf, type Session } from '../helpers/mcp.js';

const auditLog = join(mkdtempSync(join(tmpdir(), 'cmcp-audit-')), 'audit.log');
let session: Session;
/** Other modes, started together: write mode with a short TTL, deny, none. */
let short: Session;
let deny: Session;
let none: Session;
let http: HttpServer;
let targets: Map<string, Target>;
/** Containers the tests below use, made together up front. */
let running: Record<'named' | 'wrong' | 'once' | 'expiry' | 'http' | 'deny', string>;
let stopped: Record<'fresh' | 'modes', string>;

async function containers<K extends string>(keys: K[], start: boolean) {
  const made = await Promise.all(keys.map(() => createContainer({ start })));
  return Object.fromEntries(keys.map((key, index) => [key, made[index]?.id])) as Record<K, string>;
}

beforeAll(async () => {
  [targets, running, stopped] = await Promise.all([
    prepareAll(),
    containers(['named', 'wrong', 'once', 'expiry', 'http', 'deny'], true),
    containers(['fresh', 'modes'], false),
  ]);
  [session, short, deny, none, http] = await Promise.all([
    startServer({ args: ['--confirm', 'destructive', '--audit-log', auditLog] }),
    // Another key than the user's: a server on another machine, or with another secret.
    startServer({
      args: ['--confirm', 'write', '--confirm-ttl', '0.2'],
      env: { CONTAINER_MCP_CONFIRM_SECRET: `another secret ${process.pid}` },
    }),
    startServer({ args: ['--confirm', 'destructive', '--confirm-fallback', 'deny'] }),
    startServer({ args: ['--confirm', 'none'] }),
    startHttpServer({ args: ['--confirm', 'destructive'] }),
  ]);
  // Listing first makes the SDK client check structured content against output schemas.
  await Promise.all([session, short, deny, none].map((s) => s.client.listTools()));
});
afterAll(async () => {
  await Promise.all([session, short, deny, none].map((s) => s?.close()));
  await http?.stop();
  await removeTestContainers();
});

const startedAt = async (id: string) =>
  (await docker<{ State: { StartedAt: string } }>('GET', `/containers/${id}/json`)).body.State
    .StartedAt;
const isRunning = async (id: string) => (await inspect(id))?.State.Running === true;

describe.each(GUARDED_CASES)('$tool', ({ tool }) => {
  it('changes nothing unconfirmed, answers the preview and a token, and runs with it', async () => {
    const target = targets.get(tool) as Target;
    const first = confirmationOf(await call(session, tool, target.args));
    expect(first.tool).toBe(tool);
    expect(first.preview.length).toBeGreaterThan(10);
    expect(Date.parse(first.expires_at)).toBeGreaterThan(Date.now());
    expect(await target.unchanged()).toBe(true);

    const confirmed = await call(session, tool, { ...target.args, confirm: first.token });
    expect(confirmed.isError, textOf(confirmed)).toBeFalsy();
    expect(await target.done()).toBe(true);
  });
});

describe('tokens', () => {
  it('names the container in the preview: name, short id, image, state and uptime', async () => {
    const id = running.named;
    const name = (await inspect(id))?.Name.slice(1) ?? '';
    const { preview } = confirmationOf(await call(session, 'container_stop', { id }));
    expect(preview).toContain(`${name} (${id.slice(0, 12)}, image ${TEST_IMAGE}): running, up`);
  });

  it('refuses a wrong token, and a token for other arguments, with a new preview', async () => {
    const id = running.wrong;
    const wrong = confirmationOf(
      await call(session, 'container_stop', { id, t: 0, confirm: 'not-a-token' }),
    );
    expect(wrong.refused).toMatch(/not a confirmation token/);
    const other = confirmationOf(
      await call(session, 'container_stop', { id, t: 1, confirm: wrong.token }),
    );
    expect(other.refused).toMatch(/issued for other arguments/);
    const otherTool = confirmationOf(
      await call(session, 'container_kill', { id, confirm: other.token }),
    );
    expect(otherTool.refused).toMatch(/issued for another tool/);
    expect(await isRunning(id)).toBe(true);
  });

  it('confirms one call only', async () => {
    const id = running.once;
    const args = { id, t: 0 };
    const { token } = confirmationOf(await call(session, 'container_restart', args));
    const done = await call(session, 'container_restart', { ...args, confirm: token });
    expect(done.isError, textOf(done)).toBeFalsy();
    const restartedAt = await startedAt(id);
    const reused = confirmationOf(
      await call(session, 'container_restart', { ...args, confirm: token }),
    );
    expect(reused.refused).toMatch(/already used/);
    expect(await startedAt(id)).toBe(restartedAt);
  });

  it('refuses a token once the state changed: prune would now remove more', async () => {
    const tag = uniqueName('more');
    const filters = { label: [FILE_LABEL, `cmcp.more=${tag}`] };
    const first = await createContainer({ start: false, labels: { 'cmcp.more': tag } });
    const { token, preview } = confirmationOf(await call(session, 'container_prune', { filters }));
    expect(preview).toMatch(/^Remove 1 stopped container/);
    const second = await createContainer({ start: false, labels: { 'cmcp.more': tag } });
    const changed = confirmationOf(
      await call(session, 'container_prune', { filters, confirm: token }),
    );
    expect(changed.refused).toMatch(/has changed since the preview/);
    expect(changed.preview).toMatch(/^Remove 2 stopped containers/);
    expect(changed.preview).toContain(second.name);
    expect(await inspect(first.id)).toBeDefined();
    expect(await inspect(second.id)).toBeDefined();

    await call(session, 'container_prune', { filters, confirm: changed.token });
    expect(await inspect(first.id)).toBeUndefined();
    expect(await inspect(second.id)).toBeUndefined();
  });

  it('lets an archive put of new files only through without a confirmation', async () => {
    const id = stopped.fresh;
    const result = await call(session, 'put_container_archive', {
      id,
      path: '/tmp',
      files: [{ path: 'fresh.txt', content: 'fresh\n' }],
    });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect((await engineReadFile(id, '/tmp/fresh.txt')).toString()).toBe('fresh\n');
  });

  it('refuses expired tokens and tokens signed with another key', async () => {
    const id = running.expiry;
    const foreign = confirmationOf(await call(session, 'container_stop', { id, t: 0 }));
    const other = confirmationOf(
      await call(short, 'container_stop', { id, t: 0, confirm: foreign.token }),
    );
    expect(other.refused).toMatch(/not issued with this server's secret/);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const expired = confirmationOf(
      await call(short, 'container_stop', { id, t: 0, confirm: other.token }),
    );
    expect(expired.refused).toMatch(/expired/);
    expect(await isRunning(id)).toBe(true);
  });

  it('refuses a token issued in another 2025 HTTP session', async () => {
    const [alice, bob] = await Promise.all([connectSession(http), connectSession(http)]);
    try {
      const args = { id: running.http, t: 0 };
      const issued = await alice.callTool({ name: 'container_stop', arguments: args });
      const { token } = confirmationOf(issued as CallToolResult);
      const stolen = await bob.callTool({
        name: 'container_stop',
        arguments: { ...args, confirm: token },
      });
      expect(confirmationOf(stolen as CallToolResult).refused).toMatch(
        /issued to another client \(another session or bearer token\)/,
      );
      expect(await isRunning(running.http)).toBe(true);
    } finally {
      await Promise.all([alice.close(), bob.close()]);
    }
  });
});

describe('other modes', () => {
  it('--confirm-fallback deny refuses outright, and offers no confirm argument', async () => {
    const { tools } = await deny.client.listTools();
    const stop = tools.find((tool) => tool.name === 'container_stop');
    expect(stop?.inputSchema.properties).not.toHaveProperty('confirm');
    const id = running.deny;
    const result = await call(deny, 'container_stop', { id, t: 0 });
    expect(result.isError).toBe(true);
    expect(result.structuredContent).toBeUndefined();
    expect(textOf(result)).toMatch(/NOT run.*--confirm-fallback deny/s);
    expect(await isRunning(id)).toBe(true);
  });

  it('--confirm none runs destructive tools directly; --confirm write guards start too', async () => {
    const id = stopped.modes;
    const started = confirmationOf(await call(short, 'container_start', { id }));
    expect(started.preview).toMatch(/created/);
    expect(await isRunning(id)).toBe(false);
    expect((await call(none, 'container_start', { id })).isError).toBeFalsy();
    expect(await isRunning(id)).toBe(true);
    expect((await call(none, 'container_kill', { id })).isError).toBeFalsy();
    expect(await isRunning(id)).toBe(false);
  });
});

describe('--audit-log', () => {
  it('has one redacted line per state-changing call, with how it was confirmed', async () => {
    const name = uniqueName('audit');
    const created = await call(session, 'container_create', {
      name,
      body: {
        Image: TEST_IMAGE,
        Env: ['DB_PASSWORD=hunter2', 'MODE=test'],
        Labels: testLabels(),
        HostConfig: { NetworkMode: 'none' },
      },
    });
    expect(created.isError, textOf(created)).toBeFalsy();
    await call(session, 'container_list', {});
    const { token } = confirmationOf(await call(session, 'container_delete', { id: name }));
    await call(session, 'container_delete', { id: name, confirm: token });
    expect(await inspect(name)).toBeUndefined();

    const lines = readFileSync(auditLog, 'utf8').trim().split('\n');
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((entry) => entry.tool === 'container_list')).toBe(false);
    const mine = entries.filter((entry) => JSON.stringify(entry.arguments).includes(name));
    expect(mine).toEqual([
      expect.objectContaining({
        tool: 'container_create',
        confirmation: 'none',
        outcome: 'ok',
        session: null,
        arguments: expect.objectContaining({
          body: expect.objectContaining({ Env: ['DB_PASSWORD=***', 'MODE=test'] }),
        }),
      }),
      expect.objectContaining({
        tool: 'container_delete',
        confirmation: 'refused',
        outcome: 'error',
        arguments: { id: name },
      }),
      expect.objectContaining({
        tool: 'container_delete',
        confirmation: 'token',
        outcome: 'ok',
        arguments: { id: name },
        message: expect.stringMatching(/^Removed /),
      }),
    ]);
    for (const entry of mine) expect(Date.parse(String(entry.time))).not.toBeNaN();
  });
});
