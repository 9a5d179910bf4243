/**
 * The prompts `diagnose` and `tail_errors` through a real MCP client: listed with their
 * arguments, their container argument completed from the engine (through the scope), their
 * messages naming the tools to call, bad arguments refused naming the argument, and a
 * prompt left out when the policy drops the tool it relies on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createContainer,
  FILE_LABEL,
  removeTestContainers,
  uniqueName,
  type TestContainer,
} from '../helpers/docker.js';
import { startServer, type Session } from '../helpers/mcp.js';
import { RE2JS } from 're2js';
import { ERROR_PATTERN } from '../../src/prompts/tail-errors.js';

let session: Session;
let scoped: Session;
let denied: Session;
let inScope: TestContainer;
let other: TestContainer;
const prefix = uniqueName('p');

beforeAll(async () => {
  [inScope, other] = await Promise.all([
    createContainer({ name: `${prefix}-in`, labels: { 'cmcp.prompts': FILE_LABEL }, start: false }),
    createContainer({ name: `${prefix}-out`, start: false }),
  ]);
  [session, scoped, denied] = await Promise.all([
    startServer(),
    startServer({ args: ['--scope-label', `cmcp.prompts=${FILE_LABEL}`] }),
    startServer({ args: ['--deny-tools', 'container_diagnose'] }),
  ]);
});
afterAll(async () => {
  await Promise.all([session?.close(), scoped?.close(), denied?.close()]);
  await removeTestContainers();
});

const text = (result: { messages: { content: { type: string; text?: string } }[] }): string =>
  result.messages.map((message) => message.content.text ?? '').join('\n');

describe('prompts', () => {
  it('lists diagnose and tail_errors with their arguments', async () => {
    const { prompts } = await session.client.listPrompts();
    expect(
      prompts.map((p) => [p.name, p.arguments?.map((a) => `${a.name}${a.required ? '' : '?'}`)]),
    ).toEqual([
      ['diagnose', ['container']],
      ['tail_errors', ['container', 'since?']],
    ]);
  });

  it('completes the container argument from the engine, and only within the scope', async () => {
    const complete = (on: Session, name: string) =>
      on.client.complete({
        ref: { type: 'ref/prompt', name },
        argument: { name: 'container', value: prefix },
      });
    expect((await complete(session, 'diagnose')).completion.values).toEqual([
      inScope.name,
      other.name,
    ]);
    expect((await complete(scoped, 'tail_errors')).completion.values).toEqual([inScope.name]);
  });

  it('diagnose asks the model to call container_diagnose first, then explain without changing anything', async () => {
    const message = text(
      await session.client.getPrompt({ name: 'diagnose', arguments: { container: inScope.name } }),
    );
    expect(message).toContain(`Call container_diagnose with id "${inScope.name}" first`);
    expect(message).toContain('container_logs (grep, since)');
    expect(message).toContain('Change nothing');
  });

  it('tail_errors asks for a grep of both streams since the time given, with a pattern RE2 takes', async () => {
    const message = text(
      await session.client.getPrompt({
        name: 'tail_errors',
        arguments: { container: inScope.name, since: '2h' },
      }),
    );
    expect(message).toContain(
      `Call container_logs with id "${inScope.name}", since "2h", grep ${JSON.stringify(ERROR_PATTERN)}`,
    );
    const pattern = RE2JS.compile(ERROR_PATTERN);
    expect(pattern.test('2026 ERROR: connection refused')).toBe(true);
    expect(pattern.test('GET /health 200')).toBe(false);
    const defaulted = text(
      await session.client.getPrompt({
        name: 'tail_errors',
        arguments: { container: inScope.name },
      }),
    );
    expect(defaulted).toContain('since "1h"');
  });

  it('refuses a bad argument, naming it', async () => {
    await expect(
      session.client.getPrompt({ name: 'diagnose', arguments: { container: 'no spaces' } }),
    ).rejects.toThrow(/Invalid arguments for prompt diagnose: container: must be a container name/);
    await expect(
      session.client.getPrompt({
        name: 'tail_errors',
        arguments: { container: 'web', since: 'last tuesday' },
      }),
    ).rejects.toThrow(/since/);
  });

  it('leaves out a prompt whose tool the policy drops, and names only offered tools', async () => {
    const { prompts } = await denied.client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(['tail_errors']);
    const message = text(
      await denied.client.getPrompt({ name: 'tail_errors', arguments: { container: 'web' } }),
    );
    expect(message).not.toContain('container_diagnose');
  });
});
