/**
 * The Vercel AI SDK's MCP client (@ai-sdk/mcp, with its stdio transport): tools as the AI
 * SDK hands them to a model. The model gets the result through the tool's toModelOutput:
 * the text blocks; an isError result comes back as a result, not an exception.
 */
import { createMCPClient, type MCPClient } from '@ai-sdk/mcp';
import { Experimental_StdioMCPTransport } from '@ai-sdk/mcp/mcp-stdio';
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

interface AiTool {
  inputSchema: { jsonSchema: unknown };
  execute(args: unknown, options: { toolCallId: string; messages: [] }): Promise<unknown>;
  toModelOutput(options: { output: unknown }): unknown;
}

let client: MCPClient;
let tools: Record<string, AiTool>;
let c: ClientContainers;

beforeAll(async () => {
  c = await clientContainers();
  client = await createMCPClient({
    transport: new Experimental_StdioMCPTransport(serverCommand()),
  });
  tools = (await client.tools()) as unknown as Record<string, AiTool>;
});
afterAll(async () => {
  await client?.close();
  await removeTestContainers();
});

/** Run a tool as the AI SDK does and return what the model is given, with isError. */
async function modelSees(
  name: string,
  args: Record<string, unknown>,
): Promise<{ isError: boolean; text: string }> {
  const tool = tools[name];
  if (!tool) throw new Error(`${name} was not converted`);
  const output = (await tool.execute(args, { toolCallId: `call-${name}`, messages: [] })) as {
    isError?: boolean;
  };
  const forModel = tool.toModelOutput({ output }) as { value: { type: string; text?: string }[] };
  return {
    isError: output.isError === true,
    text: forModel.value.map((part) => part.text ?? '').join('\n'),
  };
}

describe("The Vercel AI SDK's MCP client", () => {
  it('converts every tool, each argument keeping its type', () => {
    expect(Object.keys(tools).sort()).toEqual([...TOOL_NAMES].sort());
    for (const [name, tool] of Object.entries(tools))
      expect(untypedArguments(tool.inputSchema.jsonSchema), name).toEqual([]);
  });

  it('lists, inspects and reads logs: the text reaches the model', async () => {
    const listed = await modelSees('container_list', { all: true });
    expect(listed.text).toContain(c.web.name);
    expect(listed.text).toContain(c.victim.name);
    const inspected = await modelSees('container_inspect', { id: c.web.name });
    expect(inspected.text).toContain(`${c.web.name} (${c.web.id.slice(0, 12)})`);
    const logs = await modelSees('container_logs', { id: c.web.name, tail: 2 });
    expect(logs.text).toContain(LOG_LINES.slice(-2).join('\n'));
    expect(logs.text).toContain('Older lines may exist beyond tail 2. To read them: until: "');
  });

  it('reads a container file as a resource', async () => {
    const read = await client.readResource({ uri: `container://${c.web.name}/srv/app.ini` });
    expect(read.contents[0]).toMatchObject({ text: APP_INI });
  });

  it('completes a kill confirmation: the preview is a result the model reads', async () => {
    const args = { id: c.victim.name };
    const preview = await modelSees('container_kill', args);
    expect(preview.isError).toBe(true);
    expect(preview.text).toContain('container_kill was NOT run; nothing was changed.');
    expect(preview.text).toContain('show them the preview and ask first');
    expect(await isRunning(c.victim.id)).toBe(true);
    const done = await modelSees('container_kill', { ...args, confirm: tokenIn(preview.text) });
    expect(done.isError, done.text).toBe(false);
    expect(await isRunning(c.victim.id)).toBe(false);
  });
});
