/**
 * The built server, spawned over stdio as a user's MCP host runs it, with a client of
 * either protocol era (test/helpers/clients.ts): 2026-07-28 on one process, as Claude Code
 * speaks it, or the 2025 handshake.
 */
import { fileURLToPath } from 'node:url';
import { connectStdio, type Era, type TestClient } from '../../test/helpers/clients.js';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface BenchServer {
  client: TestClient;
  pid: number;
  close(): Promise<void>;
}

export async function startServer(args: string[] = [], era: Era = 'legacy'): Promise<BenchServer> {
  const client = await connectStdio(
    {
      command: process.execPath,
      args: [CLI, '--log-level', 'error', ...args],
      env: process.env as Record<string, string>,
    },
    { era },
    () => undefined,
  );
  if (client.pid === undefined) throw new Error('the server process has no pid');
  return { client, pid: client.pid, close: () => client.close() };
}

/** container_inspect through the server: the call most figures time. */
export async function inspectThroughServer(server: BenchServer, id: string): Promise<void> {
  const result = await server.client.callTool({ name: 'container_inspect', arguments: { id } });
  if (result.isError) throw new Error('container_inspect failed');
}
