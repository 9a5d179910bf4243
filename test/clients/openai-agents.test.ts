/**
 * The OpenAI Agents SDK (@openai/agents-core): MCPServerStdio and getAllMcpTools with
 * strict schemas, as an agent gets its tools. With useStructuredContent the model gets
 * JSON.stringify(structuredContent), as in Claude Code: the structured form must carry the
 * guidance on its own. An isError result reaches the model as its text.
 */
import { getAllMcpTools, MCPServerStdio, RunContext, type FunctionTool } from '@openai/agents-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_INI,
  clientContainers,
  isRunning,
  serverCommand,
  tokenIn,
  type ClientContainers,
} from '../helpers/client-tier.js';
import { removeTestContainers } from '../helpers/docker.js';
import { strictProblems } from '../helpers/openai-strict.js';
import { TOOL_NAMES } from '../helpers/tool-names.js';

let server: MCPServerStdio;
let tools: FunctionTool[];
let c: ClientContainers;

beforeAll(async () => {
  c = await clientContainers();
  server = new MCPServerStdio({
    ...serverCommand(),
    useStructuredContent: true,
    clientSessionTimeoutSeconds: 60,
  });
  await server.connect();
  tools = (await getAllMcpTools({
    mcpServers: [server],
    convertSchemasToStrict: true,
  })) as FunctionTool[];
});
afterAll(async () => {
  await server?.close();
  await removeTestContainers();
});

/** Run a tool as the agent loop does; what the model is given, as a string. */
async function modelSees(name: string, args: Record<string, unknown>): Promise<string> {
  const tool = tools.find((each) => each.name === name);
  if (!tool) throw new Error(`${name} was not converted`);
  const output: unknown = await tool.invoke(new RunContext(), JSON.stringify(args));
  const parts = Array.isArray(output) ? output : [output];
  return parts
    .map((part) =>
      typeof part === 'string' ? part : ((part as { text?: string }).text ?? JSON.stringify(part)),
    )
    .join('\n');
}

describe('The OpenAI Agents SDK', () => {
  it('converts every tool; the README names the ones that are not strict-compatible', () => {
    expect(tools.map((tool) => tool.name).sort()).toEqual([...TOOL_NAMES].sort());
    const notStrict = tools
      .filter((tool) => !tool.strict || strictProblems(tool.parameters).length > 0)
      .map((tool) => tool.name)
      .sort();
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const listed = /<!-- not-strict -->(.*?)<!-- \/not-strict -->/s.exec(readme)?.[1] ?? '';
    expect(notStrict).toEqual([...listed.matchAll(/`(\w+)`/g)].map((m) => m[1]).sort());
  });

  it('lists, inspects and reads logs: the structured form stands on its own', async () => {
    const listed = JSON.parse(await modelSees('container_list', { all: true })) as {
      columns: string[];
      containers: string[][];
    };
    const names = listed.containers.map((row) => row[listed.columns.indexOf('name')]);
    expect(names.sort()).toEqual([c.web.name, c.victim.name].sort());
    const inspected = JSON.parse(await modelSees('container_inspect', { id: c.web.name })) as {
      container: { name: string; state: { status: string } };
    };
    expect(inspected.container).toMatchObject({ name: c.web.name, state: { status: 'running' } });
    const logs = JSON.parse(await modelSees('container_logs', { id: c.web.name, tail: 1 })) as {
      lines: string[];
      left_out: string;
      earlier_until: string;
    };
    expect(logs.lines).toEqual(['GET / 200']);
    expect(logs.left_out).toBe(
      `Older lines may exist beyond tail 1. To read them: until: "${logs.earlier_until}".`,
    );
  });

  it('reads a container file as a resource', async () => {
    const read = await server.readResource(`container://${c.web.name}/srv/app.ini`);
    expect(read.contents[0]).toMatchObject({ text: APP_INI });
  });

  it('completes a kill confirmation from the text the model is given', async () => {
    const args = { id: c.victim.name };
    const preview = await modelSees('container_kill', args);
    expect(preview).toContain('container_kill was NOT run; nothing was changed.');
    expect(preview).toContain('show them the preview and ask first');
    expect(await isRunning(c.victim.id)).toBe(true);
    const done = JSON.parse(
      await modelSees('container_kill', { ...args, confirm: tokenIn(preview) }),
    ) as { changed: boolean; container: { status: string } };
    expect(done).toMatchObject({ changed: true, container: { status: 'exited' } });
    expect(await isRunning(c.victim.id)).toBe(false);
  });
});
