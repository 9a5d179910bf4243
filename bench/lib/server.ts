/** The built server, spawned over stdio with the SDK client, as a user's MCP host runs it. */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface BenchServer {
  client: Client;
  pid: number;
  close(): Promise<void>;
}

export async function startServer(args: string[] = []): Promise<BenchServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, '--log-level', 'error', ...args],
    env: process.env as Record<string, string>,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'container-mcp-bench', version: '0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error('the server process has no pid');
  return { client, pid, close: () => client.close() };
}

/** container_inspect through the server: the call most figures time. */
export async function inspectThroughServer(server: BenchServer, id: string): Promise<void> {
  const result = await server.client.callTool({ name: 'container_inspect', arguments: { id } });
  if (result.isError) throw new Error('container_inspect failed');
}
