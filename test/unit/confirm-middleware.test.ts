/**
 * The confirmation middleware on its own: a scripted tool whose preview state the test
 * controls, and a scripted client (its era, whether it can ask the person, what comes back
 * with a repeated call). The real-engine paths are in test/integration/confirm*.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_CONFIG, type ConfirmConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { confirmation } from '../../src/safety/confirm/middleware.js';
import { defineTool, type ToolAnswer } from '../../src/mcp/define.js';
import { compose, type ToolCall } from '../../src/mcp/middleware.js';
import type { ClientView, Round } from '../../src/mcp/request.js';
import { toolContext } from '../helpers/preview.js';

function scripted(world: { state: string; ran: number; destructive?: boolean }) {
  return defineTool({
    name: 'thing_break',
    title: 'Break a thing',
    description: 'test',
    input: z.strictObject({ id: z.string(), confirm: z.string().optional() }),
    effects: { always: [], mayAlso: ['destroys'], targets: { one: 'id' } },
    run: (input) => {
      world.ran += 1;
      return Promise.resolve({ text: `broke ${input.id}; saw ${Object.keys(input).join(',')}` });
    },
    preview: (input) =>
      Promise.resolve({
        summary: `break ${input.id} (${world.state})`,
        state: world.state,
        ...(world.destructive !== undefined && {
          effects: world.destructive ? (['destroys'] as const) : [],
        }),
      }),
  });
}

const PERSON: ClientView = {
  era: 'modern',
  canElicit: true,
  principal: 'bearer:a',
  sessionless: false,
};
const NO_PERSON: ClientView = { ...PERSON, canElicit: false };

/** Every setup signs with its own secret and records redeemed states in its own directory. */
function isolated(config: Partial<ConfirmConfig> = {}): ConfirmConfig {
  return {
    ...DEFAULT_CONFIG.confirm,
    secret: randomBytes(16).toString('hex'),
    store: join(mkdtempSync(join(tmpdir(), 'cmcp-confirm-')), 'store'),
    ...config,
  };
}

function setup(options: { config?: Partial<ConfirmConfig>; client?: ClientView } = {}) {
  const world = { state: 'v1', ran: 0, destructive: undefined as boolean | undefined };
  const tool = scripted(world);
  const middleware = confirmation(isolated(options.config), silentLogger);
  const run = async (args: Record<string, unknown>, round: Round = {}, client = options.client) => {
    const call: ToolCall = {
      tool,
      args,
      rawArguments: args,
      amended: {},
      client: client ?? NO_PERSON,
      round,
      confirmation: 'none',
      ctx: toolContext(undefined as never),
    };
    const answer = await compose([middleware], call);
    return { answer, path: call.confirmation };
  };
  return { world, run };
}

const tokenOf = (answer: { data?: unknown }) => (answer.data as { token: string }).token;
const stateOf = (answer: ToolAnswer) => answer.ask?.state ?? '';
const yes = { confirm: { action: 'accept', content: { confirm: true } } };

describe('the confirmation middleware: tokens, for a client that cannot ask', () => {
  it('answers a preview and a token first, runs on the token, without passing it on', async () => {
    const { world, run } = setup();
    const first = await run({ id: 'a' });
    expect(first.answer).toMatchObject({
      isError: true,
      data: { confirmation_required: true, tool: 'thing_break', preview: 'break a (v1)' },
    });
    expect(first.path).toBe('refused');
    expect(world.ran).toBe(0);
    const second = await run({ id: 'a', confirm: tokenOf(first.answer) });
    expect(second).toMatchObject({ path: 'token', answer: { text: 'broke a; saw id' } });
    expect(world.ran).toBe(1);
    const replayed = await run({ id: 'a', confirm: tokenOf(first.answer) });
    expect(replayed.answer.text).toMatch(/refused: it was already used/);
    expect(world.ran).toBe(1);
  });

  it('refuses a token once the preview state changed, with a fresh preview', async () => {
    const { world, run } = setup();
    const token = tokenOf((await run({ id: 'a' })).answer);
    world.state = 'v2';
    const again = await run({ id: 'a', confirm: token });
    expect(again.answer.text).toMatch(/refused: what the call would do has changed/);
    expect(again.answer.data).toMatchObject({ preview: 'break a (v2)' });
    expect(world.ran).toBe(0);
  });

  it('refuses a token issued to another caller', async () => {
    const { world, run } = setup();
    const token = tokenOf((await run({ id: 'a' })).answer);
    const other = await run({ id: 'a', confirm: token }, {}, { ...NO_PERSON, principal: 'b' });
    expect(other.answer.text).toMatch(/refused: it was issued to another client/);
    expect(world.ran).toBe(0);
  });

  it('runs without asking when the preview says nothing is destroyed', async () => {
    const { world, run } = setup();
    world.destructive = false;
    expect((await run({ id: 'a' })).path).toBe('none');
    expect(world.ran).toBe(1);
  });

  it('refuses outright with --confirm-fallback deny', async () => {
    const { world, run } = setup({ config: { fallback: 'deny' } });
    const denied = await run({ id: 'a' });
    expect(denied).toMatchObject({ path: 'denied', answer: { isError: true } });
    expect(denied.answer.data).toBeUndefined();
    expect(world.ran).toBe(0);
  });

  it('refuses a client that cannot ask under --stateless, but still asks one that can', async () => {
    const stateless = { stateless: 'refuse' as const };
    const { world, run } = setup({ config: stateless });
    const refused = await run({ id: 'a' });
    expect(refused.answer.text).toMatch(/--stateless/);
    expect(world.ran).toBe(0);
    const legacy = await run({ id: 'a' }, {}, { ...PERSON, era: 'legacy', sessionless: true });
    expect(legacy.answer.text).toMatch(/2025-era client has no session/);
    const asked = await run({ id: 'a' }, {}, PERSON);
    expect(asked.path).toBe('asked');
  });

  it('leaves unguarded tools alone', async () => {
    const { world, run } = setup({ config: { mode: { kind: 'none' } } });
    expect((await run({ id: 'a' })).path).toBe('none');
    expect(world.ran).toBe(1);
  });
});

describe('the confirmation middleware: asking the person in rounds', () => {
  it('asks first (nothing runs), then runs the repeated call on a yes, once', async () => {
    const { world, run } = setup({ client: PERSON });
    const first = await run({ id: 'a', confirm: 'ignored' });
    expect(first.path).toBe('asked');
    expect(first.answer.ask?.message).toMatch(/thing_break .*\nIt would: break a \(v1\)/);
    expect(world.ran).toBe(0);
    const state = stateOf(first.answer);
    const second = await run({ id: 'a', confirm: 'ignored' }, { state, responses: yes });
    expect(second).toMatchObject({ path: 'elicited', answer: { text: 'broke a; saw id' } });
    expect(world.ran).toBe(1);
    const replay = await run({ id: 'a', confirm: 'ignored' }, { state, responses: yes });
    expect(replay.answer.text).toMatch(/NOT run[\s\S]*already used/);
    expect(world.ran).toBe(1);
  });

  it('runs nothing on a decline, a cancel or an unchecked box', async () => {
    for (const [reply, why] of [
      [{ action: 'decline' }, 'the user declined'],
      [{ action: 'cancel' }, 'the user cancelled'],
      [{ action: 'accept', content: { confirm: false } }, 'the user did not check'],
    ] as const) {
      const { world, run } = setup({ client: PERSON });
      const state = stateOf((await run({ id: 'a' })).answer);
      const answer = await run({ id: 'a' }, { state, responses: { confirm: reply } });
      expect(answer.answer.text).toMatch(new RegExp(`Not confirmed: ${why}`));
      expect(world.ran).toBe(0);
    }
  });

  it('refuses a yes given to a preview that is no longer true', async () => {
    const { world, run } = setup({ client: PERSON });
    const state = stateOf((await run({ id: 'a' })).answer);
    world.state = 'v2'; // the engine changed while they read
    const answer = await run({ id: 'a' }, { state, responses: yes });
    expect(answer.path).toBe('denied');
    expect(answer.answer.text).toMatch(/changed while the user was deciding[\s\S]*break a \(v2\)/);
    expect(world.ran).toBe(0);
  });

  it('refuses a state that was altered, re-targeted, or is a token', async () => {
    const { world, run } = setup({ client: PERSON });
    const first = await run({ id: 'a' });
    const state = stateOf(first.answer);
    const flipped = `${state.slice(0, 20)}${state[20] === 'A' ? 'B' : 'A'}${state.slice(21)}`;
    expect((await run({ id: 'a' }, { state: flipped, responses: yes })).answer.text).toMatch(
      /does not confirm this call: it was not issued with this server's secret/,
    );
    expect((await run({ id: 'b' }, { state, responses: yes })).answer.text).toMatch(
      /issued for other arguments/,
    );
    const token = tokenOf((await run({ id: 'a' }, {}, NO_PERSON)).answer);
    expect((await run({ id: 'a' }, { state: token, responses: yes })).answer.text).toMatch(
      /confirmation of another kind/,
    );
    expect((await run({ id: 'a' }, { state: 'x', responses: yes })).answer.text).toMatch(
      /not a confirmation token/,
    );
    expect(world.ran).toBe(0);
  });

  it('refuses a state another caller echoes', async () => {
    const { world, run } = setup({ client: PERSON });
    const state = stateOf((await run({ id: 'a' })).answer);
    const other = await run({ id: 'a' }, { state, responses: yes }, { ...PERSON, principal: 'b' });
    expect(other.answer.text).toMatch(/issued to another client/);
    expect(world.ran).toBe(0);
  });
});
