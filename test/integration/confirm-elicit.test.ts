/**
 * Confirmation by asking the person (form elicitation), through a real MCP client that
 * declares it and a scripted person, against the real engine: only accept with
 * confirm: true runs a guarded tool; decline, cancel, an unchecked box and a failing client
 * change nothing.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContainer, inspect, removeTestContainers } from '../helpers/docker.js';
import { startElicitingServer, type ElicitingSession } from '../helpers/elicit.js';
import { GUARDED_CASES, prepareAll, type Target } from '../helpers/guarded.js';
import { call, textOf } from '../helpers/mcp.js';

const auditLog = join(mkdtempSync(join(tmpdir(), 'cmcp-audit-')), 'audit.log');
let session: ElicitingSession;
let targets: Map<string, Target>;

beforeAll(async () => {
  [session, targets] = await Promise.all([
    startElicitingServer(['--confirm', 'destructive', '--audit-log', auditLog]),
    prepareAll(),
  ]);
  await session.client.listTools();
});
afterAll(async () => {
  await session?.close();
  await removeTestContainers();
});

const NO: [string, () => ElicitResult, RegExp][] = [
  ['declined', () => ({ action: 'decline' }), /the user declined/],
  ['cancelled', () => ({ action: 'cancel' }), /the user cancelled/],
  [
    'accepted unchecked',
    () => ({ action: 'accept', content: { confirm: false } }),
    /did not check "Go ahead"/,
  ],
];

describe.each(GUARDED_CASES)('$tool', ({ tool }) => {
  it('asks with the preview; changes nothing unless the person accepts', async () => {
    const target = targets.get(tool) as Target;
    for (const [what, reply, why] of NO) {
      session.reply = reply;
      const result = await call(session, tool, target.args);
      expect(result.isError, what).toBe(true);
      expect(textOf(result), what).toMatch(/NOT run; nothing was changed\. Not confirmed: /);
      expect(textOf(result), what).toMatch(why);
      expect(await target.unchanged(), what).toBe(true);
    }
    expect(session.asked.at(-1)).toMatch(new RegExp(`wants to run ${tool} [\\s\\S]*It would: `));

    session.reply = () => ({ action: 'accept', content: { confirm: true } });
    const accepted = await call(session, tool, target.args);
    expect(accepted.isError, textOf(accepted)).toBeFalsy();
    expect(await target.done()).toBe(true);
  });
});

describe('asking', () => {
  it('treats a client that fails to answer as a no', async () => {
    const { id } = await createContainer();
    session.reply = () => {
      throw new Error('the dialog crashed');
    };
    // A 2025 session: the SDK asked for the server and says the question failed. A
    // 2026-07-28 client: the client itself could not ask, so it never repeats the call.
    const result = await call(session, 'container_kill', { id }).catch((error: Error) => ({
      content: [{ type: 'text' as const, text: error.message }],
      isError: true,
    }));
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/the dialog crashed/);
    expect((await inspect(id))?.State.Running).toBe(true);
  });

  it('records elicited and denied calls in the audit log', async () => {
    const { id } = await createContainer({ start: false });
    session.reply = () => ({ action: 'decline' });
    await call(session, 'container_delete', { id });
    session.reply = () => ({ action: 'accept', content: { confirm: true } });
    await call(session, 'container_delete', { id });
    expect(await inspect(id)).toBeUndefined();
    const entries = readFileSync(auditLog, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { tool: string; arguments: unknown })
      .filter((entry) => JSON.stringify(entry.arguments).includes(id));
    // Each call is two rounds: the question (nothing done), then the answer.
    expect(entries).toEqual([
      expect.objectContaining({ confirmation: 'asked', outcome: 'asked' }),
      expect.objectContaining({ confirmation: 'denied', outcome: 'error' }),
      expect.objectContaining({ confirmation: 'asked', outcome: 'asked' }),
      expect.objectContaining({ confirmation: 'elicited', outcome: 'ok' }),
    ]);
  });
});
