/**
 * What real clients do that a server must take in its stride: Gemini CLI adds a
 * `wait_for_previous` argument to every call, and CLIs such as the Inspector CLI and
 * mcporter start a new server process for every call, so a token confirmation spans
 * processes.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  inspect,
  removeTestContainers,
  type TestContainer,
} from '../helpers/docker.js';
import { call, startServer, textOf, type Session } from '../helpers/mcp.js';

const GUARDED = ['--confirm', 'destructive'];
/** Ignores SIGUSR1, so a kill with it leaves the same state behind: only the store stops a replay. */
const IGNORES_USR1 = ['sh', '-c', "trap '' USR1; while :; do sleep 1; done"];

let session: Session;
let store: string;
const c: Record<string, TestContainer> = {};

beforeAll(async () => {
  store = mkdtempSync(join(tmpdir(), 'cmcp-quirks-'));
  [c.gemini, c.ignores, c.race, c.own] = await Promise.all([
    createContainer({ cmd: IGNORES_USR1 }),
    createContainer({ cmd: IGNORES_USR1 }),
    createContainer({ cmd: IGNORES_USR1 }),
    createContainer({ cmd: IGNORES_USR1 }),
  ]);
  session = await startServer({ args: GUARDED });
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
  rmSync(store, { recursive: true, force: true });
});

interface Confirmation {
  token: string;
  refused?: string;
  next: string;
}
const confirmationOf = (result: CallToolResult): Confirmation =>
  result.structuredContent as unknown as Confirmation;

describe("Gemini CLI's wait_for_previous", () => {
  it('is accepted and ignored by every tool, confirmation included', async () => {
    const listed = await call(session, 'container_list', { wait_for_previous: true });
    expect(listed.isError, textOf(listed)).toBeFalsy();
    const inspected = await call(session, 'container_inspect', {
      id: c.gemini!.name,
      wait_for_previous: false,
    });
    expect(inspected.isError, textOf(inspected)).toBeFalsy();
    // The confirmation binds the call's own arguments: the client's field is not one of them.
    const args = { id: c.gemini!.name, signal: 'SIGUSR1' };
    const first = await call(session, 'container_kill', { ...args, wait_for_previous: true });
    const { token } = confirmationOf(first);
    const confirmed = await call(session, 'container_kill', {
      ...args,
      confirm: token,
      wait_for_previous: false,
    });
    expect(confirmed.isError, textOf(confirmed)).toBeFalsy();
    expect(textOf(confirmed)).toMatch(/SIGUSR1/);
  });

  it('does not open the door to other unknown fields', async () => {
    const result = await call(session, 'container_list', { wait_for_prev: true });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('wait_for_prev: unknown field');
  });
});

describe('a new server process for every call (Inspector CLI, mcporter)', () => {
  /** One call in a process of its own, as such a CLI makes it. */
  async function perCall(
    args: Record<string, unknown>,
    env: Record<string, string> = {},
  ): Promise<CallToolResult> {
    const once = await startServer({ args: GUARDED, env });
    try {
      return await call(once, 'container_kill', args);
    } finally {
      await once.close();
    }
  }
  const shared = () => ({
    CONTAINER_MCP_CONFIRM_SECRET: 'a shared secret of 32 characters',
    XDG_RUNTIME_DIR: store,
  });

  it('with no flag: the user key is shared, so the next process confirms it, once', async () => {
    // A runtime directory of this test's own: the key is created there on first use.
    const own = { XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'cmcp-user-key-')) };
    const args = { id: c.own!.name, signal: 'SIGUSR1' };
    const { token } = confirmationOf(await perCall(args, own));
    const key = join(own.XDG_RUNTIME_DIR, 'container-mcp', 'confirm.key');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    const confirmed = await perCall({ ...args, confirm: token }, own);
    expect(confirmed.isError, textOf(confirmed)).toBeFalsy();
    const replay = confirmationOf(await perCall({ ...args, confirm: token }, own));
    expect(replay.refused).toMatch(/already used/);
    // Another user's key (another runtime directory here) does not verify it.
    const elsewhere = { XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), 'cmcp-user-key-')) };
    const foreign = confirmationOf(await perCall({ ...args, confirm: token }, elsewhere));
    expect(foreign.refused).toMatch(/another user or on another machine/);
    expect(foreign.refused).toMatch(/CONTAINER_MCP_CONFIRM_SECRET/);
  });

  it('with CONTAINER_MCP_CONFIRM_SECRET: confirmed in the next process, and only once', async () => {
    const args = { id: c.ignores!.name, signal: 'SIGUSR1' };
    const issued = await perCall(args, shared());
    expect(issued.isError).toBe(true);
    const { token } = confirmationOf(issued);
    const confirmed = await perCall({ ...args, confirm: token }, shared());
    expect(confirmed.isError, textOf(confirmed)).toBeFalsy();
    // The container ignored the signal: its state is what the token was bound to, so only the
    // record of redeemed tokens, shared by the processes, refuses the replay.
    expect((await inspect(c.ignores!.id))?.State.Running).toBe(true);
    const replay = confirmationOf(await perCall({ ...args, confirm: token }, shared()));
    expect(replay.refused).toMatch(/already used/);
  });

  it('two processes racing with one token: exactly one runs the call', async () => {
    const args = { id: c.race!.name, signal: 'SIGUSR1' };
    const { token } = confirmationOf(await perCall(args, shared()));
    const results = await Promise.all(
      [1, 2, 3].map(() => perCall({ ...args, confirm: token }, shared())),
    );
    expect(results.filter((result) => !result.isError)).toHaveLength(1);
    const refused = results.filter((result) => result.isError).map(confirmationOf);
    for (const each of refused) expect(each.refused).toMatch(/already used/);
  });
});
