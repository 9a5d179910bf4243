/**
 * LangChain's MCP adapters (@langchain/mcp-adapters): the server over stdio as a LangChain
 * agent loads it. The model gets a ToolMessage with the text; an isError result (the
 * confirmation's preview) becomes a thrown ToolException whose message is the text, so that
 * text must carry the token and the instruction on its own.
 */
import { MultiServerMCPClient } from '@langchain/mcp-adapters';
import type { DynamicStructuredTool } from '@langchain/core/tools';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INI,
  clientContainers,
  isRunning,
  LOG_LINES,
  serverCommand,
  tokenIn,
  untypedArguments,
  type ClientContainers,
} from '../helpers/client-tier.js';
import { removeTestContainers } from '../helpers/docker.js';
import { TOOL_NAMES } from '../helpers/tool-names.js';

let client: MultiServerMCPClient;
let tools: DynamicStructuredTool[];
let c: ClientContainers;

beforeAll(async () => {
  c = await clientContainers();
  client = new MultiServerMCPClient({
    mcpServers: { containers: { transport: 'stdio', ...serverCommand() } },
  });
  tools = await client.getTools();
});
afterAll(async () => {
  await client?.close();
  await removeTestContainers();
});

/** Call a tool as an agent does: with a tool call, getting the ToolMessage the model reads. */
async function modelSees(name: string, args: Record<string, unknown>): Promise<string> {
  const tool = tools.find((each) => each.name === name);
  if (!tool) throw new Error(`${name} was not converted`);
  const message = (await tool.invoke({ name, args, id: `call-${name}`, type: 'tool_call' })) as {
    content: unknown;
  };
  return JSON.stringify(message.content);
}

describe("LangChain's MCP adapters", () => {
  it('converts every tool, each argument keeping its type', () => {
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    for (const tool of tools) expect(untypedArguments(tool.schema), tool.name).toEqual([]);
    const logs = tools.find((tool) => tool.name === 'container_logs');
    expect((logs?.schema as { properties: Record<string, unknown> }).properties.tail).toMatchObject(
      {
        type: ['integer', 'string'],
      },
    );
  });

  it('lists, inspects and reads logs: the text reaches the model', async () => {
    const listed = await modelSees('container_list', { all: true });
    expect(listed).toContain(c.web.name);
    expect(listed).toContain(c.victim.name);
    expect(await modelSees('container_inspect', { id: c.web.name })).toContain(
      `${c.web.name} (${c.web.id.slice(0, 12)})`,
    );
    const logs = await modelSees('container_logs', { id: c.web.name, tail: 'all', since: '1h' });
    for (const line of LOG_LINES) expect(logs).toContain(line);
  });

  it('reads a container file as a resource', async () => {
    const [content] = await client.readResource(
      'containers',
      `container://${c.web.name}/srv/app.ini`,
    );
    expect(content).toMatchObject({ text: APP_INI });
  });

  it('completes a kill confirmation from the exception the preview becomes', async () => {
    const args = { id: c.victim.name };
    const refused = await modelSees('container_kill', args).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refused?.name).toBe('ToolException');
    expect(refused?.message).toContain('container_kill was NOT run; nothing was changed.');
    expect(refused?.message).toContain('show them the preview and ask first');
    expect(await isRunning(c.victim.id)).toBe(true);
    const done = await modelSees('container_kill', {
      ...args,
      confirm: tokenIn(refused?.message ?? ''),
    });
    expect(done).toContain('SIGKILL');
    expect(await isRunning(c.victim.id)).toBe(false);
  });
});
