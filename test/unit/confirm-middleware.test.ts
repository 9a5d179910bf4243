/**
 * The confirmation middleware on its own: a scripted tool whose preview state the test
 * controls, and a scripted person (the Asker). The real-engine paths are in
 * test/integration/confirm*.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_CONFIG, type ConfirmConfig } from '../../src/config.js';
import type { Decision } from '../../src/safety/confirm/elicit.js';
import { confirmation } from '../../src/safety/confirm/middleware.js';
import { pathOf } from '../../src/safety/confirm/path.js';
import { defineTool } from '../../src/mcp/define.js';
import { compose, type ToolCall } from '../../src/mcp/middleware.js';
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

function setup(options: { ask?: () => Decision; config?: Partial<ConfirmConfig> } = {}) {
  const world = { state: 'v1', ran: 0, destructive: undefined as boolean | undefined };
  const tool = scripted(world);
  const config = { ...DEFAULT_CONFIG.confirm, ...options.config };
  const asked: string[] = [];
  const middleware = confirmation(config, {
    canAsk: () => options.ask !== undefined,
    ask: (message) => {
      asked.push(message);
      return Promise.resolve(options.ask?.() ?? { yes: false, why: 'no' });
    },
  });
  const run = async (args: Record<string, unknown>) => {
    const call: ToolCall = {
      tool,
      input: args,
      rawArguments: args,
      ctx: { ...toolContext(undefined as never), sessionId: 's1' },
    };
    const answer = await compose([middleware], call);
    return { answer, path: pathOf(call) };
  };
  return { world, run, asked };
}

const tokenOf = (answer: { data?: unknown }) => (answer.data as { token: string }).token;

describe('the confirmation middleware', () => {
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

  it('asks the person when it can, and runs only on a yes', async () => {
    const yes = setup({ ask: () => ({ yes: true }) });
    expect((await yes.run({ id: 'a', confirm: 'ignored' })).path).toBe('elicited');
    expect(yes.asked[0]).toMatch(/thing_break .*\nIt would: break a \(v1\)/);
    expect(yes.world.ran).toBe(1);
    const no = setup({ ask: () => ({ yes: false, why: 'the user declined' }) });
    const refused = await no.run({ id: 'a' });
    expect(refused.answer.text).toMatch(/NOT run.*Not confirmed: the user declined/);
    expect(no.world.ran).toBe(0);
  });

  it('refuses a yes given to a preview that is no longer true', async () => {
    const holder: { world?: { state: string } } = {};
    const asked = setup({
      ask: () => {
        if (holder.world) holder.world.state = 'v2'; // the engine changed while they read
        return { yes: true };
      },
    });
    holder.world = asked.world;
    const answer = await asked.run({ id: 'a' });
    expect(answer.path).toBe('denied');
    expect(answer.answer.text).toMatch(/changed while the user was deciding[\s\S]*break a \(v2\)/);
    expect(asked.world.ran).toBe(0);
  });

  it('leaves unguarded tools alone', async () => {
    const { world, run } = setup({ config: { mode: { kind: 'none' } } });
    expect((await run({ id: 'a' })).path).toBe('none');
    expect(world.ran).toBe(1);
  });
});
